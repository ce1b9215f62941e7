import type { EmailOtpType } from '@supabase/supabase-js';
import { fail, redirect, type RequestEvent } from '@sveltejs/kit';
import { sameSitePath } from '$lib/safe-redirect';
import { z } from 'zod';
import { readForm } from './form';
import { codeAttempt, emailSchema, LOGIN_EMAIL_COOKIE } from './login';
import { retryIn } from './rate-limit';

export const codeSchema = z
	.string()
	.transform((s) => s.replace(/\s+/g, ''))
	.pipe(z.string().regex(/^\d{6,10}$/, 'Enter the 6-digit code from the email.'));

/** Link types the store's emails carry; anything else is refused before Supabase Auth sees it. */
export const linkTypes = ['magiclink', 'email', 'signup'] as const satisfies EmailOtpType[];

export type VerifyResult = { ok: true } | { ok: false; status: 400 | 429; message: string };

const expired: VerifyResult = {
	ok: false,
	status: 400,
	message: 'This code is wrong, used or expired. Check the newest email, or ask for a new one.'
};

/** Logs the browser in with the emailed code; wrong codes are counted per address. */
export async function verifyCode(
	supabase: App.Locals['supabase'],
	rawEmail: unknown,
	rawCode: unknown
): Promise<VerifyResult> {
	const email = emailSchema.safeParse(rawEmail ?? '');
	if (!email.success) return { ok: false, status: 400, message: email.error.issues[0].message };
	const code = codeSchema.safeParse(rawCode ?? '');
	if (!code.success) return { ok: false, status: 400, message: code.error.issues[0].message };
	const attempt = await codeAttempt(email.data);
	if (!attempt.allowed) {
		return {
			ok: false,
			status: 429,
			message: `Too many tries. Ask for a new code, or try again ${retryIn(attempt.retryAfterSeconds)}.`
		};
	}
	const { error } = await supabase.auth.verifyOtp({
		email: email.data,
		token: code.data,
		type: 'email'
	});
	if (error) {
		if (error.status !== 403) console.error(`verify code failed: ${error.status} ${error.code}`);
		return expired;
	}
	return { ok: true };
}

/** Logs the browser in with the token hash of an emailed link (server-side: no PKCE verifier needed). */
export async function verifyLink(
	supabase: App.Locals['supabase'],
	tokenHash: unknown,
	type: unknown
) {
	const linkType = linkTypes.find((t) => t === type);
	if (typeof tokenHash !== 'string' || !/^(pkce_)?[0-9a-f]{56}$/.test(tokenHash) || !linkType) {
		return {
			ok: false,
			status: 400,
			message: 'This login link is incomplete. Ask for a new one.'
		} as const;
	}
	const { error } = await supabase.auth.verifyOtp({ token_hash: tokenHash, type: linkType });
	if (error) {
		if (error.status !== 403) console.error(`verify link failed: ${error.status} ${error.code}`);
		return {
			ok: false,
			status: 400,
			message: 'This login link has expired or was already used. Ask for a new one below.'
		} as const;
	}
	return { ok: true } as const;
}

/**
 * The form action behind every code form (the check-your-email page, the confirm page): logs in
 * and goes to `next`, or answers the form with why the code was refused.
 */
export async function logInWithCode({ request, locals, cookies }: RequestEvent) {
	const form = await readForm(request);
	if (!(form instanceof FormData)) return form;
	const email = String(form.get('email') ?? '');
	const result = await verifyCode(locals.supabase, email, form.get('code'));
	if (!result.ok) return fail(result.status, { email, codeMessage: result.message });
	cookies.delete(LOGIN_EMAIL_COOKIE, { path: '/' });
	redirect(303, sameSitePath(String(form.get('next') ?? '')));
}
