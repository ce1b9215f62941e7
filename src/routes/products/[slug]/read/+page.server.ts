import { error, redirect } from '@sveltejs/kit';
import { findProduct } from '$lib/server/catalogue';
import { renderMarkdown } from '$lib/server/markdown';
import { offlineHeaders } from '$lib/server/offline';
import { readableContent } from '$lib/server/ownership';
import type { PageServerLoad } from './$types';

/** The full text, for its owners (and anyone logged in, for a free item); others go to the product page. */
export const load = (async ({ params, locals, url, setHeaders }) => {
	const product = await findProduct(params.slug);
	if (!product) error(404, { message: 'This product does not exist or is no longer for sale.' });
	const user = await locals.user();
	const body = user ? await readableContent(user, product.id) : undefined;
	if (!user || body === undefined) redirect(303, `/products/${product.slug}`);
	setHeaders(offlineHeaders(user));
	return {
		product: { slug: product.slug, title: product.title, cover: product.cover },
		html: renderMarkdown(body),
		thanks: url.searchParams.get('checkout') === 'thanks'
	};
}) satisfies PageServerLoad;
