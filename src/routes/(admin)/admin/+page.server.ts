import { redirect } from '@sveltejs/kit';
import { requireAdmin } from '$lib/server/admin';
import type { PageServerLoad } from './$types';

export const load = (async (event) => {
	await requireAdmin(event);
	redirect(303, '/admin/products');
}) satisfies PageServerLoad;
