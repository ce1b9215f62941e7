import { listProducts } from '$lib/server/catalogue';
import type { PageServerLoad } from './$types';

export const load = (async () => {
	return { products: await listProducts() };
}) satisfies PageServerLoad;
