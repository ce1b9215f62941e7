import Stripe from 'stripe';
import { describe, expect, it } from 'vitest';
import { createContext } from '../../../src/config/context.ts';
import { stripeEnv } from '../../../src/services/stripe.ts';
import { createSession } from './support.ts';

/** The emulator the stack runs (started by the global setup), reached as the app reaches it. */
const ctx = await createContext(undefined, () => {});
const env = stripeEnv(ctx);

function appClient(key = env.STRIPE_SECRET_KEY) {
	const url = new URL(env.STRIPE_API_URL);
	return new Stripe(key, { host: url.hostname, port: Number(url.port), protocol: 'http' });
}

describe('the stack Stripe emulator', () => {
	it('answers the official SDK configured from the app environment only', async () => {
		expect(env.STRIPE_SECRET_KEY).toMatch(/^sk_test_/);
		expect(env.STRIPE_WEBHOOK_SECRET).toMatch(/^whsec_/);
		const session = await createSession(appClient());
		expect(session.url?.startsWith(`${env.STRIPE_API_URL}/c/pay/cs_test_`)).toBe(true);
		expect((await appClient().checkout.sessions.retrieve(session.id)).id).toBe(session.id);
	});

	it('accepts only the stack key', async () => {
		const refused = await appClient('sk_test_some_other_key')
			.checkout.sessions.list()
			.catch((e: unknown) => e);
		expect(refused).toBeInstanceOf(Stripe.errors.StripeAuthenticationError);
	});

	it('delivers webhooks to the stripe-webhook function behind the gateway', async () => {
		const state = await (await fetch(`${env.STRIPE_API_URL}/_emulator/webhooks`)).json();
		expect(state.endpoints).toEqual([
			{ url: `${ctx.env.SUPABASE_URL}/functions/v1/stripe-webhook`, enabled_events: ['*'] }
		]);
	});
});
