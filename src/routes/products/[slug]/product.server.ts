import { error, redirect } from '@sveltejs/kit';
import { findProduct, movedSlug } from '$lib/server/catalogue';
import { anonymous } from '$lib/server/db';
import type { Product } from '$lib/types';

/**
 * The product a page under /products/<slug> is about, as this visitor may see it (an owner still
 * sees an item withdrawn from sale). A slug the product had before redirects to its current one,
 * keeping the rest of the path; anything else is a 404.
 */
export async function productAt(
	slug: string,
	user: SessionUser | null,
	rest = ''
): Promise<Product> {
	const claims = user?.claims ?? anonymous;
	const product = await findProduct(slug, claims);
	if (product) return product;
	const current = await movedSlug(slug, claims);
	if (current) redirect(301, `/products/${current}${rest}`);
	error(404, { message: 'This product does not exist or is no longer for sale.' });
}
