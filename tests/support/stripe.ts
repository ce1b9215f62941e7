import { stripeClient } from '@storefront/local-stack';
import type Stripe from 'stripe';
import { stackEnv } from './env.ts';

const local = stackEnv().stripe;

/** The stack's Stripe emulator, reached as the store reaches it. */
export const emulatorUrl = local.apiUrl;
export const stripe = stripeClient(emulatorUrl, local.secretKey);
export const webhookSecret = local.webhookSecret;
export const webhookUrl = () => `${stackEnv().apiUrl}/functions/v1/stripe-webhook`;

/** The emulator's test-control API (pause deliveries, list attempts, ...). */
export async function control(route: string, params: Record<string, string> = {}, method = 'POST') {
	const response = await fetch(`${emulatorUrl}/_emulator/${route}`, {
		method,
		headers: { 'content-type': 'application/x-www-form-urlencoded' },
		body: method === 'GET' ? undefined : new URLSearchParams(params)
	});
	if (!response.ok)
		throw new Error(`control ${route}: ${response.status} ${await response.text()}`);
	return response.json();
}

/** Posts a body to the webhook function with a signature made with `secret` at `timestamp`. */
export async function deliver(
	payload: string,
	{ secret = webhookSecret, timestamp }: { secret?: string; timestamp?: number } = {}
) {
	const header = await stripe.webhooks.generateTestHeaderStringAsync({
		payload,
		secret,
		timestamp
	});
	return fetch(webhookUrl(), {
		method: 'POST',
		headers: { 'content-type': 'application/json', 'stripe-signature': header },
		body: payload
	});
}

/** Pays a hosted checkout page the way its form posts (no browser needed for webhook tests). */
export async function payHostedPage(url: string, card = '4242424242424242', email?: string) {
	const response = await fetch(url, {
		method: 'POST',
		redirect: 'manual',
		headers: { 'content-type': 'application/x-www-form-urlencoded' },
		body: new URLSearchParams({
			...(email && { email }),
			cardnumber: card,
			expiry: '12 / 34',
			cvc: '123'
		})
	});
	return { status: response.status, location: response.headers.get('location') };
}

/**
 * Creates and pays a Checkout Session for a product the way the store's Buy action shapes it.
 * With card 4000 0000 0000 0077 the session completes with its payment still processing.
 */
export async function paidSession(
	productId: string,
	email: string,
	metadata: Record<string, string> = {},
	card = '4242424242424242'
) {
	const session = await stripe.checkout.sessions.create({
		mode: 'payment',
		line_items: [
			{
				quantity: 1,
				price_data: { currency: 'eur', unit_amount: 1200, product_data: { name: 'Test' } }
			}
		],
		metadata: { product_id: productId, ...metadata },
		customer_email: email,
		success_url: 'http://127.0.0.1:9/return?session_id={CHECKOUT_SESSION_ID}',
		cancel_url: 'http://127.0.0.1:9/cancel'
	});
	const paid = await payHostedPage(session.url!, card);
	if (paid.status !== 303) throw new Error(`paying ${session.id} answered ${paid.status}`);
	return stripe.checkout.sessions.retrieve(session.id);
}

/** A `checkout.session.completed` event carrying a session, as Stripe would send it. */
export function completedEvent(
	session: Stripe.Checkout.Session,
	id = `evt_test_${crypto.randomUUID().replaceAll('-', '')}`
) {
	return JSON.stringify({
		id,
		object: 'event',
		api_version: '2025-09-30.clover',
		created: Math.floor(Date.now() / 1000),
		livemode: false,
		pending_webhooks: 1,
		request: { id: null, idempotency_key: null },
		type: 'checkout.session.completed',
		data: { object: session }
	});
}
