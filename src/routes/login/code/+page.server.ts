import { sameSitePath } from '$lib/safe-redirect';
import { LOGIN_EMAIL_COOKIE } from '$lib/server/login';
import { logInWithCode } from '$lib/server/verify';
import type { Actions, PageServerLoad } from './$types';

export const load = (async ({ url, cookies }) => {
	return {
		next: sameSitePath(url.searchParams.get('next')),
		email: cookies.get(LOGIN_EMAIL_COOKIE) ?? '',
		claimed: url.searchParams.get('sent') === 'claim'
	};
}) satisfies PageServerLoad;

export const actions = {
	/** The 6-digit code typed in (the installed app's way: no link to open elsewhere). */
	default: logInWithCode
} satisfies Actions;
