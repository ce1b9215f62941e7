import { fail, redirect } from '@sveltejs/kit';
import { sameSitePath } from '$lib/safe-redirect';
import { LOGIN_EMAIL_COOKIE } from '$lib/server/login';
import { verifyCode } from '$lib/server/verify';
import type { Actions, PageServerLoad } from './$types';

export const load = (async ({ url, cookies }) => {
	return {
		next: sameSitePath(url.searchParams.get('next')),
		email: cookies.get(LOGIN_EMAIL_COOKIE) ?? ''
	};
}) satisfies PageServerLoad;

export const actions = {
	/** The 6-digit code typed in (the installed app's way: no link to open elsewhere). */
	default: async ({ request, locals, cookies }) => {
		const form = await request.formData();
		const email = String(form.get('email') ?? '');
		const result = await verifyCode(locals.supabase, email, form.get('code'));
		if (!result.ok) return fail(result.status, { email, message: result.message });
		cookies.delete(LOGIN_EMAIL_COOKIE, { path: '/' });
		redirect(303, sameSitePath(String(form.get('next') ?? '')));
	}
} satisfies Actions;
