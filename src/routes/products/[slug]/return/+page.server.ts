import { error, redirect } from '@sveltejs/kit';
import { isCheckoutSessionId } from '$shared/checkout.ts';
import { NONCE_COOKIE } from '$lib/server/checkout';
import { returnFromCheckout } from '$lib/server/checkout-return';
import type { PageServerLoad } from './$types';
import { productAt } from '../product.server';

/**
 * Where Checkout sends the buyer back (`success_url`); the flow is src/lib/server/checkout-return.
 * A page load rather than an endpoint, so its refusals render the store's error page; it ends in
 * a redirect, so a reload does none of it again.
 */
export const load = (async ({ url, params, cookies, locals }) => {
	const sessionId = url.searchParams.get('session_id');
	if (!isCheckoutSessionId(sessionId)) error(400, { message: 'This return link is not valid.' });
	const currentUser = await locals.user();
	const product = await productAt(
		params.slug,
		currentUser,
		url.search ? `/return${url.search}` : '/return'
	);
	const nonce = cookies.get(NONCE_COOKIE);
	cookies.delete(NONCE_COOKIE, { path: '/products' });

	const landing = await returnFromCheckout({
		sessionId,
		product,
		nonce,
		supabase: locals.supabase,
		currentUser
	});
	if (landing === 'read') redirect(303, `/products/${product.slug}/read?checkout=thanks`);
	redirect(303, `/products/${product.slug}?checkout=${landing}`);
}) satisfies PageServerLoad;
