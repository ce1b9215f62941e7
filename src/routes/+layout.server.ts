import type { LayoutServerLoad } from './$types';

/**
 * The page gets the logged-in user's email and nothing else of the session, and the visitor's
 * locale, so the browser formats prices and dates as the server did.
 */
export const load = (async ({ locals }) => {
	const user = await locals.user();
	return { user: user && { email: user.email }, locale: locals.locale };
}) satisfies LayoutServerLoad;

/**
 * Pages are rendered by the server and not hydrated: no SvelteKit client, no Svelte runtime.
 * What they do in the browser is src/lib/browser/page.ts (named by +layout.svelte); their forms
 * post as HTML forms. The studio hydrates (src/routes/(admin)/admin/+layout.server.ts).
 * docs/architecture.md, "Fast pages".
 */
export const csr = false;
