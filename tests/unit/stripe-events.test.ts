import type Stripe from 'stripe';
import { describe, expect, it } from 'vitest';
import { checkoutState, isCheckoutSessionId } from '../../supabase/functions/_shared/checkout.ts';
import { parseEvent, purchaseStatus } from '../../supabase/functions/_shared/stripe-events.ts';

const productId = '5b0c4f0e-2f4d-4c4a-9a7e-0d7e1f2a3b4c';

function session(overrides: Partial<Stripe.Checkout.Session> = {}): Stripe.Checkout.Session {
	return {
		id: 'cs_test_a1b2c3d4e5f6',
		object: 'checkout.session',
		mode: 'payment',
		status: 'complete',
		payment_status: 'paid',
		metadata: { product_id: productId },
		customer_details: { email: 'Buyer@Example.test' },
		customer_email: null,
		amount_total: 1200,
		currency: 'eur',
		payment_intent: 'pi_test_123',
		...overrides
	} as Stripe.Checkout.Session;
}

const event = (type: string, object: unknown, overrides: Record<string, unknown> = {}) => ({
	id: 'evt_test_1',
	object: 'event',
	type,
	livemode: false,
	created: 1_800_000_000,
	data: { object },
	...overrides
});

describe('checkoutState', () => {
	it('reads a paid session into what fulfilment records, email lowercased', () => {
		expect(checkoutState(session())).toEqual({
			status: 'paid',
			checkout: {
				sessionId: 'cs_test_a1b2c3d4e5f6',
				productId,
				email: 'buyer@example.test',
				amountTotal: 1200,
				currency: 'eur',
				paymentIntentId: 'pi_test_123'
			}
		});
	});

	it('treats a complete but unpaid session as a processing asynchronous payment', () => {
		expect(checkoutState(session({ payment_status: 'unpaid' }))).toEqual({ status: 'processing' });
	});

	it('grants nothing for open or expired sessions', () => {
		expect(checkoutState(session({ status: 'open' })).status).toBe('open');
		expect(checkoutState(session({ status: 'expired' })).status).toBe('expired');
	});

	it('leaves sessions of other sellers on the same Stripe account alone', () => {
		expect(checkoutState(session({ metadata: {} })).status).toBe('foreign');
		expect(checkoutState(session({ mode: 'subscription' })).status).toBe('foreign');
	});

	it('refuses what can never be a purchase of this store', () => {
		const invalid = [
			session({ metadata: { product_id: 'not-a-uuid' } }),
			session({ amount_total: -1 }),
			session({ amount_total: 12.5 }),
			session({ currency: 'zzz' }),
			session({ customer_details: null, customer_email: null })
		];
		for (const s of invalid) expect(checkoutState(s).status).toBe('invalid');
	});

	it('recognises checkout session ids and nothing else', () => {
		expect(isCheckoutSessionId('cs_test_a1b2c3d4e5f6')).toBe(true);
		expect(isCheckoutSessionId('cs_test_<script>')).toBe(false);
		expect(isCheckoutSessionId('pi_test_a1b2c3d4e5f6')).toBe(false);
		expect(isCheckoutSessionId(null)).toBe(false);
		expect(isCheckoutSessionId(42)).toBe(false);
	});
});

describe('parseEvent', () => {
	it('asks Stripe for the session of a completed or asynchronously paid checkout', () => {
		for (const type of ['checkout.session.completed', 'checkout.session.async_payment_succeeded']) {
			expect(parseEvent(event(type, session()))).toMatchObject({
				ok: true,
				trigger: { kind: 'checkout', sessionId: 'cs_test_a1b2c3d4e5f6' }
			});
		}
	});

	it('asks Stripe for the payment behind a refund or a dispute', () => {
		const charge = { id: 'ch_test_1', object: 'charge', payment_intent: 'pi_test_123' };
		const dispute = { id: 'du_test_1', object: 'dispute', payment_intent: { id: 'pi_test_123' } };
		for (const [type, object] of [
			['charge.refunded', charge],
			['charge.dispute.created', dispute],
			['charge.dispute.closed', dispute]
		] as const) {
			expect(parseEvent(event(type, object))).toMatchObject({
				ok: true,
				trigger: { kind: 'payment', paymentIntentId: 'pi_test_123' }
			});
		}
	});

	it('asks Stripe for the subscription behind a subscription or invoice event, with the notice it may call for', () => {
		const subscription = { id: 'sub_test_1', object: 'subscription' };
		const invoice = (ref: unknown) => ({
			id: 'in_test_1',
			object: 'invoice',
			parent: { subscription_details: { subscription: ref } }
		});
		for (const [type, object, notice] of [
			['customer.subscription.created', subscription, undefined],
			['customer.subscription.updated', subscription, undefined],
			['customer.subscription.deleted', subscription, 'membership_ended'],
			['customer.subscription.trial_will_end', subscription, 'trial_ending'],
			['invoice.paid', invoice('sub_test_1'), undefined],
			['invoice.payment_failed', invoice({ id: 'sub_test_1' }), 'payment_failed']
		] as const) {
			const parsed = parseEvent(event(type, object));
			expect(parsed, type).toEqual({
				ok: true,
				event: expect.anything(),
				trigger: { kind: 'subscription', subscriptionId: 'sub_test_1', ...(notice && { notice }) }
			});
		}
		// An invoice of no subscription (a one-off invoice) is none of the store's business.
		expect(
			parseEvent(event('invoice.paid', { id: 'in_test_2', object: 'invoice', parent: null }))
		).toMatchObject({
			ok: true,
			trigger: { kind: 'ignore', reason: 'not a subscription invoice' }
		});
	});

	it('ignores event types it does not handle, and charges outside Checkout', () => {
		expect(parseEvent(event('customer.created', { id: 'cus_1' }))).toMatchObject({
			ok: true,
			trigger: { kind: 'ignore', reason: 'unhandled customer.created' }
		});
		expect(
			parseEvent(event('charge.refunded', { id: 'ch_1', object: 'charge', payment_intent: null }))
		).toMatchObject({ ok: true, trigger: { kind: 'ignore' } });
	});

	it('refuses bodies that can never be valid, saying where', () => {
		const bad: [unknown, RegExp][] = [
			[[event('checkout.session.completed', session())], /body/],
			['"evt"', /body/],
			[event('checkout.session.completed', session(), { id: 42 }), /^id:/],
			[event('checkout.session.completed', session(), { id: 'pi_1' }), /^id:/],
			[event('checkout.session.completed', { ...session(), id: 7 }), /data\.object\.id/],
			[event('checkout.session.completed', session({ amount_total: -100 })), /amount_total/],
			[event('checkout.session.completed', session({ currency: 'zzz' })), /currency/],
			[
				event('checkout.session.completed', session({ metadata: { product_id: '1; drop' } })),
				/product_id/
			],
			[
				event('charge.refunded', { id: 'ch_1', object: 'charge', payment_intent: 5 }),
				/payment_intent/
			],
			[
				event('customer.subscription.updated', { id: 'cus_1', object: 'subscription' }),
				/data\.object\.id/
			],
			[event('customer.subscription.deleted', { id: 'sub_1', object: 'invoice' }), /object/],
			[
				event('invoice.payment_failed', {
					id: 'in_1',
					object: 'invoice',
					parent: { subscription_details: { subscription: 'pi_1' } }
				}),
				/subscription/
			],
			[event('checkout.session.completed', null), /data\.object/]
		];
		for (const [body, where] of bad) {
			const parsed = parseEvent(body);
			expect(parsed.ok, JSON.stringify(body)).toBe(false);
			if (!parsed.ok) expect(parsed.reason).toMatch(where);
		}
	});
});

describe('purchaseStatus', () => {
	it('takes access away on a full refund or an open or lost dispute', () => {
		expect(purchaseStatus({ refunded: true }, [])).toBe('refunded');
		expect(purchaseStatus({ refunded: false }, [{ status: 'needs_response' }])).toBe('disputed');
		expect(purchaseStatus({ refunded: false }, [{ status: 'lost' }])).toBe('disputed');
	});

	it('keeps it on a partial refund, a won dispute or a closed inquiry', () => {
		expect(purchaseStatus({ refunded: false }, [])).toBe('paid');
		expect(purchaseStatus({ refunded: false }, [{ status: 'won' }])).toBe('paid');
		expect(purchaseStatus({ refunded: false }, [{ status: 'warning_closed' }])).toBe('paid');
		expect(purchaseStatus(null, [])).toBe('paid');
	});

	it('lets a refund win over a dispute won later', () => {
		expect(purchaseStatus({ refunded: true }, [{ status: 'won' }])).toBe('refunded');
	});
});
