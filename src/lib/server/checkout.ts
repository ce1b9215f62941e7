import { createHash, randomBytes } from 'node:crypto';
import type { Cookies } from '@sveltejs/kit';
import type Stripe from 'stripe';
import type { Product } from '$lib/types';
import { stripe } from './stripe';

/** The cookie binding a Checkout Session to the browser that started it. */
export const NONCE_COOKIE = 'checkout_nonce';

export const hashNonce = (nonce: string) => createHash('sha256').update(nonce).digest('base64url');

/**
 * The Checkout Session for one product, priced from the database (never from the request).
 * Pure, so the exact parameters are checked against Stripe's spec (stripe-mock) in the tests.
 */
export function checkoutParams(
	product: Product,
	{ origin, nonceHash, email }: { origin: string; nonceHash: string; email?: string }
): Stripe.Checkout.SessionCreateParams {
	return {
		mode: 'payment',
		line_items: [
			{
				quantity: 1,
				price_data: {
					currency: product.currency,
					unit_amount: product.priceCents,
					product_data: {
						name: product.title,
						...(product.summary && { description: product.summary }),
						images: [new URL(product.cover.src, origin).href]
					}
				}
			}
		],
		metadata: { product_id: product.id, nonce_hash: nonceHash },
		payment_intent_data: { metadata: { product_id: product.id } },
		...(email && { customer_email: email }),
		success_url: `${origin}/products/${product.slug}/return?session_id={CHECKOUT_SESSION_ID}`,
		cancel_url: `${origin}/products/${product.slug}?checkout=cancelled`
	};
}

/**
 * Creates a Checkout Session (its parameters made with the nonce's hash) and binds it to this
 * browser: a random nonce in an HttpOnly cookie for `path` (where its return lands), its hash in
 * the session's metadata. Only the browser holding the nonce may be logged in on return. Returns
 * the hosted page's URL.
 */
export async function startCheckout(
	params: (nonceHash: string) => Stripe.Checkout.SessionCreateParams,
	{ cookies, secure, path }: { cookies: Cookies; secure: boolean; path: string }
) {
	const nonce = randomBytes(32).toString('base64url');
	const session = await stripe().checkout.sessions.create(params(hashNonce(nonce)));
	if (!session.url) throw new Error(`Checkout Session ${session.id} has no URL`);
	cookies.set(NONCE_COOKIE, nonce, {
		path,
		httpOnly: true,
		sameSite: 'lax',
		secure,
		maxAge: 60 * 60
	});
	return session.url;
}

/** Buying one product. */
export const createCheckout = (
	product: Product,
	{ origin, cookies, email }: { origin: string; cookies: Cookies; email?: string }
) =>
	startCheckout((nonceHash) => checkoutParams(product, { origin, nonceHash, email }), {
		cookies,
		secure: origin.startsWith('https:'),
		path: '/products'
	});
