// What a Stripe event asks of the store: pure routing, tested on its own
// (tests/unit/stripe-events.test.ts) and applied by the stripe-webhook function.
import type Stripe from 'stripe';
import { checkoutState, type PaidCheckout } from './checkout.ts';

export type Action =
	| { kind: 'fulfil'; checkout: PaidCheckout }
	| { kind: 'set-status'; paymentIntentId: string; status: 'paid' | 'refunded' | 'disputed' }
	| { kind: 'ignore'; reason: string };

const intentOf = (value: string | { id: string } | null) =>
	typeof value === 'string' ? value : (value?.id ?? null);

export function actionFor(event: Stripe.Event): Action {
	switch (event.type) {
		case 'checkout.session.completed':
		case 'checkout.session.async_payment_succeeded': {
			const state = checkoutState(event.data.object);
			if (state.status === 'paid') return { kind: 'fulfil', checkout: state.checkout };
			if (state.status === 'invalid') return { kind: 'ignore', reason: state.reason };
			// An asynchronous payment still processing: its async_payment_succeeded grants access.
			return { kind: 'ignore', reason: `payment ${state.status}` };
		}
		case 'charge.refunded': {
			const charge = event.data.object;
			const intent = intentOf(charge.payment_intent);
			// A partial refund is a goodwill gesture; only a full refund takes the content away.
			if (!charge.refunded || !intent) return { kind: 'ignore', reason: 'partial refund' };
			return { kind: 'set-status', paymentIntentId: intent, status: 'refunded' };
		}
		case 'charge.dispute.created': {
			const intent = intentOf(event.data.object.payment_intent);
			if (!intent) return { kind: 'ignore', reason: 'dispute without payment intent' };
			return { kind: 'set-status', paymentIntentId: intent, status: 'disputed' };
		}
		case 'charge.dispute.closed': {
			const dispute = event.data.object;
			const intent = intentOf(dispute.payment_intent);
			if (!intent || dispute.status !== 'won')
				return { kind: 'ignore', reason: `dispute ${dispute.status}` };
			return { kind: 'set-status', paymentIntentId: intent, status: 'paid' };
		}
		default:
			return { kind: 'ignore', reason: `unhandled event type ${event.type}` };
	}
}
