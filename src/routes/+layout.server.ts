import type { LayoutServerLoad } from './$types';

/**
 * The page gets the logged-in user's email and nothing else of the session, and the visitor's
 * locale, so the browser formats prices and dates as the server did.
 */
export const load = (async ({ locals }) => {
	const user = await locals.user();
	return { user: user && { email: user.email }, locale: locals.locale };
}) satisfies LayoutServerLoad;
