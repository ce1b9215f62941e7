import { fail, redirect } from '@sveltejs/kit';
import { sameSitePath } from '$lib/safe-redirect';
import { readForm } from '$lib/server/form';
import { logInWithCode, verifyLink } from '$lib/server/verify';
import type { Actions, PageServerLoad } from './$types';

/**
 * Where the email's link points: /auth/confirm/<next path>?token_hash=…&type=… (a `next` query
 * parameter, if given, wins; either way only a same-site path is followed). GET only shows a "Log in" button: mail scanners (Outlook Safe
 * Links and the like) open links but do not submit forms, so they cannot use up the token.
 */
export const load = (async ({ url, params }) => {
	return {
		tokenHash: url.searchParams.get('token_hash') ?? '',
		type: url.searchParams.get('type') ?? '',
		next: sameSitePath(url.searchParams.get('next') ?? (params.next ? `/${params.next}` : null))
	};
}) satisfies PageServerLoad;

export const actions = {
	/** Verifies the token hash on the server, sets the session cookies, goes to `next`. */
	link: async ({ request, locals }) => {
		const form = await readForm(request);
		if (!(form instanceof FormData)) return form;
		const result = await verifyLink(locals.supabase, form.get('token_hash'), form.get('type'));
		if (!result.ok) return fail(result.status, { linkMessage: result.message });
		redirect(303, sameSitePath(String(form.get('next') ?? '')));
	},
	/** The 6-digit code from the same email, typed here instead. */
	code: logInWithCode
} satisfies Actions;
