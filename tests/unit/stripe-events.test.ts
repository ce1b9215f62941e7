import type Stripe from 'stripe';
import { describe, expect, it } from 'vitest';
import { actionFor } from '../../supabase/functions/_shared/stripe-events.ts';
import { checkoutState, isCheckoutSessionId } from '../../supabase/functions/_shared/checkout.ts';

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

const event = (type: string, object: unknown) =>
	({ id: 'evt_test_1', type, data: { object } }) as unknown as Stripe.Event;

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

	it('grants nothing for open or expired sessions, or without a product', () => {
		expect(checkoutState(session({ status: 'open' })).status).toBe('open');
		expect(checkoutState(session({ status: 'expired' })).status).toBe('expired');
		expect(checkoutState(session({ metadata: {} })).status).toBe('invalid');
		expect(checkoutState(session({ mode: 'subscription' })).status).toBe('invalid');
	});

	it('recognises checkout session ids and nothing else', () => {
		expect(isCheckoutSessionId('cs_test_a1b2c3d4e5f6')).toBe(true);
		expect(isCheckoutSessionId('cs_test_<script>')).toBe(false);
		expect(isCheckoutSessionId('pi_test_a1b2c3d4e5f6')).toBe(false);
		expect(isCheckoutSessionId(null)).toBe(false);
	});
});

describe('actionFor', () => {
	it('fulfils a paid checkout and an asynchronous payment that succeeded', () => {
		expect(actionFor(event('checkout.session.completed', session())).kind).toBe('fulfil');
		expect(actionFor(event('checkout.session.async_payment_succeeded', session())).kind).toBe(
			'fulfil'
		);
	});

	it('waits on a checkout completed with its payment still processing, and on a failed one', () => {
		const processing = session({ payment_status: 'unpaid' });
		expect(actionFor(event('checkout.session.completed', processing)).kind).toBe('ignore');
		expect(actionFor(event('checkout.session.async_payment_failed', processing)).kind).toBe(
			'ignore'
		);
	});

	it('revokes on a full refund only', () => {
		const charge = { object: 'charge', payment_intent: 'pi_test_123', refunded: true };
		expect(actionFor(event('charge.refunded', charge))).toEqual({
			kind: 'set-status',
			paymentIntentId: 'pi_test_123',
			status: 'refunded'
		});
		expect(actionFor(event('charge.refunded', { ...charge, refunded: false })).kind).toBe('ignore');
	});

	it('revokes on a dispute and restores when the dispute is won', () => {
		const dispute = { object: 'dispute', payment_intent: 'pi_test_123', status: 'needs_response' };
		expect(actionFor(event('charge.dispute.created', dispute))).toMatchObject({
			status: 'disputed'
		});
		expect(actionFor(event('charge.dispute.closed', { ...dispute, status: 'won' }))).toMatchObject({
			status: 'paid'
		});
		expect(actionFor(event('charge.dispute.closed', { ...dispute, status: 'lost' })).kind).toBe(
			'ignore'
		);
	});

	it('ignores event types it does not handle', () => {
		expect(actionFor(event('customer.created', {}))).toEqual({
			kind: 'ignore',
			reason: 'unhandled event type customer.created'
		});
	});
});
