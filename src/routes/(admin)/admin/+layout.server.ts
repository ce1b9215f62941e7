import { requireAdmin } from '$lib/server/admin';
import type { LayoutServerLoad } from './$types';

/** The studio's one guard for its pages: sellers only; everyone else gets a 404. Actions and endpoints check again. */
export const load = (async (event) => {
	await requireAdmin(event);
	return {};
}) satisfies LayoutServerLoad;

/** The studio's editors, uploads and charts run in the browser: its pages hydrate. */
export const csr = true;
