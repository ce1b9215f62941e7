import type { LayoutServerLoad } from './$types';

/** The page gets the logged-in user's email and nothing else of the session. */
export const load = (async ({ locals }) => {
	const user = await locals.user();
	return { user: user && { email: user.email } };
}) satisfies LayoutServerLoad;
