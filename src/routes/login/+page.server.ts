import { fail, redirect } from '@sveltejs/kit';
import { confirmRedirect } from '$shared/email-link.ts';
import { sameSitePath } from '$lib/safe-redirect';
import { readForm } from '$lib/server/form';
import { emailSchema, rememberLoginEmail, requestLoginEmail } from '$lib/server/login';
import { retryIn } from '$lib/server/rate-limit';
import type { Actions, PageServerLoad } from './$types';

export const load = (async ({ url, locals }) => {
	const next = sameSitePath(url.searchParams.get('next'));
	if (await locals.user()) redirect(303, next);
	return { next, email: url.searchParams.get('email') ?? '' };
}) satisfies PageServerLoad;

export const actions = {
	/** Emails a login link and code. Same answer for every address: see requestLoginEmail. */
	default: async ({ request, url, cookies, getClientAddress }) => {
		const form = await readForm(request);
		if (!(form instanceof FormData)) return form;
		const next = sameSitePath(String(form.get('next') ?? ''));
		const parsed = emailSchema.safeParse(form.get('email') ?? '');
		if (!parsed.success) {
			return fail(400, {
				email: String(form.get('email') ?? ''),
				message: parsed.error.issues[0].message
			});
		}
		const email = parsed.data;
		const redirectTo = confirmRedirect(url.origin, next);
		const result = await requestLoginEmail(email, getClientAddress(), redirectTo);
		if (!result.allowed) {
			return fail(429, {
				email,
				message: `You can ask for another link ${retryIn(result.retryAfterSeconds)}. The last one we sent still works.`
			});
		}
		rememberLoginEmail(cookies, email, url.protocol === 'https:');
		redirect(303, `/login/code?next=${encodeURIComponent(next)}`);
	}
} satisfies Actions;
