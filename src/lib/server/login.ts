import type { Cookies } from '@sveltejs/kit';
import { z } from 'zod';
import { ensureAccountOfRecordedPurchases } from '$shared/fulfilment.ts';
import { config } from './config';
import { db } from './db';
import { hit, hitAll, type LimitResult } from './rate-limit';
import { adminClient, statelessClient } from './supabase';

export const emailSchema = z
	.string()
	.trim()
	.toLowerCase()
	.max(255, 'That address is too long.')
	.pipe(z.email('Enter a valid email address.'));

/** The address a login was requested for, so the code page knows whose code it is. */
export const LOGIN_EMAIL_COOKIE = 'login_email';

export function rememberLoginEmail(cookies: Cookies, email: string, secure: boolean) {
	cookies.set(LOGIN_EMAIL_COOKIE, email, {
		path: '/',
		httpOnly: true,
		sameSite: 'lax',
		secure,
		maxAge: 60 * 60
	});
}

/**
 * Counts one request for an email to an address (a login link, a free item's link) against the
 * limits per IP and per address, the same way for every address.
 */
export function limitEmailRequest(email: string, ip: string): Promise<LimitResult> {
	const c = config();
	return hitAll([
		[{ name: 'login-ip', max: c.LOGIN_REQUESTS_PER_IP_PER_HOUR, windowSeconds: 3600 }, ip],
		[
			{
				name: 'login-email',
				max: c.LOGIN_EMAILS_PER_HOUR,
				windowSeconds: 3600,
				cooldownSeconds: c.LOGIN_EMAIL_COOLDOWN_SECONDS
			},
			email
		]
	]);
}

/**
 * Emails a login link and code to an address with an account. The webhook records a purchase
 * without making its account (the return, the purchase email or this makes it), so an address
 * whose purchases have no account yet gets one first; any other address gets none.
 */
async function sendLoginEmail(email: string, redirectTo: string) {
	await ensureAccountOfRecordedPurchases({ sql: db(), auth: adminClient().auth.admin }, email);
	const { error } = await statelessClient().auth.signInWithOtp({
		email,
		options: { shouldCreateUser: false, emailRedirectTo: redirectTo }
	});
	// otp_disabled: no account (purchase-gated, nothing to send). A 429 from Supabase Auth's own
	// throttle means a link went out moments ago; it is still valid.
	if (error && error.code !== 'otp_disabled' && error.status !== 429) {
		console.error(`login email failed: ${error.status} ${error.code} ${error.message}`);
	}
}

/**
 * Asks Supabase Auth to email a login link and code, without telling the caller whether the
 * address has an account or a purchase. Limits are counted for every address alike; the work
 * (making the account of a recorded purchase, the call to Supabase Auth) runs after the answer is
 * decided and is not awaited, so neither the answer nor its timing depends on the address (a
 * known address takes an SMTP round-trip, an unknown one is refused at once with
 * `otp_disabled`).
 */
export async function requestLoginEmail(
	email: string,
	ip: string,
	redirectTo: string
): Promise<LimitResult> {
	const limited = await limitEmailRequest(email, ip);
	if (!limited.allowed) return limited;
	void sendLoginEmail(email, redirectTo).catch((error) =>
		console.error(`login email failed: ${(error as Error).message}`)
	);
	return { allowed: true };
}

/** Counts a code attempt; wrong codes are limited per address so six digits cannot be guessed. */
export const codeAttempt = (email: string) =>
	hit({ name: 'login-code', max: config().LOGIN_CODE_ATTEMPTS, windowSeconds: 15 * 60 }, email);
