import { error, redirect } from '@sveltejs/kit';
import { findProduct } from '$lib/server/catalogue';
import { renderMarkdown } from '$lib/server/markdown';
import { offlineHeaders } from '$lib/server/offline';
import { readableContent } from '$lib/server/ownership';
import type { PageServerLoad } from './$types';

/** The full text, for whoever may read it (the database decides); others go to the product page. */
export const load = (async ({ params, locals, url, setHeaders }) => {
	const product = await findProduct(params.slug);
	if (!product) error(404, { message: 'This product does not exist or is no longer for sale.' });
	const user = await locals.user();
	const readable = user ? await readableContent(user, product.id) : undefined;
	if (!user || !readable) redirect(303, `/products/${product.slug}`);
	setHeaders(offlineHeaders(user));
	return {
		product: { slug: product.slug, title: product.title, cover: product.cover },
		html: renderMarkdown(readable.body),
		thanks: url.searchParams.get('checkout') === 'thanks',
		// Signed in by the return from Checkout only: offer the emailed code to open the account.
		scoped: readable.scoped
	};
}) satisfies PageServerLoad;
