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
	if (!user) redirect(303, `/products/${product.slug}`);
	// A position of an item this session may not read is never shown (RLS hides it).
	const readable = await readableContent(user, product.id);
	if (!readable) redirect(303, `/products/${product.slug}`);
	setHeaders(offlineHeaders(user));
	return {
		product: { id: product.id, slug: product.slug, title: product.title, cover: product.cover },
		// Where this reader stopped, on any device; the page also asks this device (src/lib/reading).
		position: readable.position,
		reader: user.id,
		html: renderMarkdown(readable.body),
		files: readable.files,
		thanks: url.searchParams.get('checkout') === 'thanks',
		// Signed in by the return from Checkout only: offer the emailed code to open the account.
		scoped: readable.scoped
	};
}) satisfies PageServerLoad;
