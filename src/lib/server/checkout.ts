import { createHash, randomBytes } from 'node:crypto';
import type { Cookies } from '@sveltejs/kit';
import type { Product } from '$lib/types';
import { stripe } from './stripe';

/** The cookie binding a Checkout Session to the browser that started it. */
export const NONCE_COOKIE = 'checkout_nonce';

export const hashNonce = (nonce: string) => createHash('sha256').update(nonce).digest('base64url');

/**
 * Creates the Checkout Session for one product, priced from the database (never from the
 * request), and binds it to this browser: a random nonce in an HttpOnly cookie, its hash in the
 * session's metadata. Only the browser holding the nonce may be logged in on return.
 */
export async function createCheckout(
	product: Product,
	{ origin, cookies, email }: { origin: string; cookies: Cookies; email?: string }
) {
	const nonce = randomBytes(32).toString('base64url');
	const session = await stripe().checkout.sessions.create({
		mode: 'payment',
		line_items: [
			{
				quantity: 1,
				price_data: {
					currency: product.currency,
					unit_amount: product.priceCents,
					product_data: {
						name: product.title,
						description: product.summary || undefined,
						images: [new URL(product.cover, origin).href]
					}
				}
			}
		],
		metadata: { product_id: product.id, nonce_hash: hashNonce(nonce) },
		payment_intent_data: { metadata: { product_id: product.id } },
		customer_email: email,
		success_url: `${origin}/products/${product.slug}/return?session_id={CHECKOUT_SESSION_ID}`,
		cancel_url: `${origin}/products/${product.slug}?checkout=cancelled`
	});
	if (!session.url) throw new Error(`Checkout Session ${session.id} has no URL`);
	cookies.set(NONCE_COOKIE, nonce, {
		path: '/products',
		httpOnly: true,
		sameSite: 'lax',
		secure: origin.startsWith('https:'),
		maxAge: 60 * 60
	});
	return session.url;
}
