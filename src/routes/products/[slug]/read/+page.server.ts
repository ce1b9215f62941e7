import { redirect } from '@sveltejs/kit';
import { renderMarkdown } from '$lib/server/markdown';
import { offlineHeaders } from '$lib/server/offline';
import { readableContent } from '$lib/server/ownership';
import type { PageServerLoad } from './$types';
import { productAt } from '../product.server';

/** The full text, for whoever may read it (the database decides); others go to the product page. */
export const load = (async ({ params, locals, url, setHeaders }) => {
	const user = await locals.user();
	const product = await productAt(params.slug, user, '/read');
	const readable = user ? await readableContent(user, product.id) : undefined;
	if (!user || !readable) redirect(303, `/products/${product.slug}`);
	setHeaders(offlineHeaders(user));
	return {
		product: { slug: product.slug, title: product.title, cover: product.cover },
		html: renderMarkdown(readable.body),
		files: readable.files,
		thanks: url.searchParams.get('checkout') === 'thanks',
		// Signed in by the return from Checkout only: offer the emailed code to open the account.
		scoped: readable.scoped
	};
}) satisfies PageServerLoad;
