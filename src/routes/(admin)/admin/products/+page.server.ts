import { requireAdmin } from '$lib/server/admin';
import { listStudioProducts, type ProductState } from '$lib/server/studio/products';
import type { PageServerLoad } from './$types';

const states = ['draft', 'published', 'archived'] as const satisfies ProductState[];

export const load = (async (event) => {
	const user = await requireAdmin(event);
	const state = states.find((s) => s === event.url.searchParams.get('state'));
	return { state: state ?? null, products: await listStudioProducts(user, state) };
}) satisfies PageServerLoad;
