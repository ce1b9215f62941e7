import fc from 'fast-check';
import { stripe, webhookSecret } from '../../support/stripe.ts';
import { junk, signedHook, type SignedCase } from './function-parts.ts';

/**
 * The Stripe webhook's cases: good events badly signed, and validly signed bodies that are no
 * event (one field of a real event broken, a list, a bare value, broken JSON). Every one must be
 * refused with 400 and recorded nowhere; another method, 405.
 */
const event = fc.record({
	id: fc.stringMatching(/^evt_[A-Za-z0-9]{8,24}$/),
	object: fc.constant('event'),
	api_version: fc.constant('2025-09-30.clover'),
	created: fc.integer({ min: 0, max: 2_000_000_000 }),
	livemode: fc.boolean(),
	type: fc.constantFrom(
		'checkout.session.completed',
		'checkout.session.async_payment_succeeded',
		'charge.refunded',
		'charge.dispute.created',
		'charge.dispute.closed',
		'customer.created'
	),
	data: fc.record({
		object: fc.record({
			id: fc.stringMatching(/^(cs|ch|dp)_test_[A-Za-z0-9]{4,20}$/),
			object: fc.constantFrom('checkout.session', 'charge', 'dispute')
		})
	})
});

/** One field of the event dropped (undefined) or of the wrong kind. */
const breakage = fc.oneof(
	fc.record({
		at: fc.constant('id'),
		value: fc.constantFrom(undefined, ...junk, {}, true, 'not_an_event', 'evt_\u0000x', ['evt_x'])
	}),
	fc.record({
		at: fc.constant('type'),
		value: fc.constantFrom(undefined, ...junk, {}, true, 7, ['a.b'])
	}),
	fc.record({
		at: fc.constant('livemode'),
		value: fc.constantFrom(undefined, ...junk, {}, 'false', 'no')
	}),
	fc.record({ at: fc.constant('data'), value: fc.constantFrom(undefined, ...junk, {}, 'x') }),
	fc.record({
		at: fc.constant('data.object'),
		value: fc.constantFrom(undefined, ...junk, 'x', [{}])
	}),
	// Well-formed but for a NUL in a nested string, which Postgres cannot store in jsonb.
	fc.record({ at: fc.constant('data.object.metadata'), value: fc.constant({ note: 'a\u0000b' }) })
);

function signatureHeader({ payload, signing }: SignedCase): Record<string, string> {
	const sign = (secret: string, timestamp?: number) =>
		stripe.webhooks.generateTestHeaderString({ payload, secret, timestamp });
	switch (signing) {
		case 'valid':
			return { 'stripe-signature': sign(webhookSecret) };
		case 'other secret':
			return { 'stripe-signature': sign('whsec_not_the_endpoint_secret') };
		case 'stale':
			return { 'stripe-signature': sign(webhookSecret, Math.floor(Date.now() / 1000) - 301) };
		case 'garbage':
			return { 'stripe-signature': `t=${Date.now()},v1=${'0'.repeat(64)}` };
		case 'missing':
			return {};
	}
}

export const stripeWebhook = signedHook('stripe-webhook', {
	payload: event,
	breakage,
	headers: signatureHeader,
	// Refused outright: 400 (Stripe stops retrying a 4xx), 405 for another method.
	statusOk: (status, c) => status === (c.method === 'POST' ? 400 : 405)
});
