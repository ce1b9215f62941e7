import { error } from '@sveltejs/kit';
import { findProduct } from '$lib/server/catalogue';
import type { PageServerLoad } from './$types';

export const load = (async ({ params }) => {
	const product = await findProduct(params.slug);
	if (!product) error(404, { message: 'This product does not exist or is no longer for sale.' });
	return { product };
}) satisfies PageServerLoad;
