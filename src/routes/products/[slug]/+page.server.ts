import { error, fail, redirect } from '@sveltejs/kit';
import { findProduct } from '$lib/server/catalogue';
import { createCheckout } from '$lib/server/checkout';
import { renderMarkdown } from '$lib/server/markdown';
import { ownedProductIds } from '$lib/server/ownership';
import type { Actions, PageServerLoad } from './$types';

const notices = ['cancelled', 'processing', 'unpaid', 'check-email'] as const;
type Notice = (typeof notices)[number];

export const load = (async ({ params, url, locals }) => {
	const product = await findProduct(params.slug);
	if (!product) error(404, { message: 'This product does not exist or is no longer for sale.' });
	const user = await locals.user();
	const owned = (await ownedProductIds(user)).has(product.id);
	const notice = notices.find((n) => n === url.searchParams.get('checkout')) ?? null;
	return {
		product,
		sampleHtml: renderMarkdown(product.sample),
		owned,
		loggedIn: user !== null,
		notice: notice as Notice | null
	};
}) satisfies PageServerLoad;

export const actions = {
	/** Buy: a Checkout Session priced from the database, then 303 to Stripe's page. */
	buy: async ({ params, url, cookies, locals }) => {
		const product = await findProduct(params.slug);
		if (!product) error(404, { message: 'This product does not exist or is no longer for sale.' });
		if (product.priceCents === 0) redirect(303, `/products/${product.slug}/read`);
		const user = await locals.user();
		let checkoutUrl: string;
		try {
			checkoutUrl = await createCheckout(product, {
				origin: url.origin,
				cookies,
				email: user?.email
			});
		} catch (cause) {
			console.error('Checkout could not start:', cause);
			return fail(503, {
				message:
					'Payments are unavailable right now. Nothing was charged; please try again in a minute.'
			});
		}
		redirect(303, checkoutUrl);
	}
} satisfies Actions;
