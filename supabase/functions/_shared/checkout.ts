// Pure rules about Stripe Checkout Sessions, shared by the webhook (Deno) and the store's
// return handler (Node). No I/O here: both sides test these rules without a server.
import type Stripe from 'stripe';

/** A Checkout Session that has been paid for, reduced to what fulfilment records. */
export interface PaidCheckout {
	sessionId: string;
	productId: string;
	email: string;
	amountTotal: number;
	currency: string;
	paymentIntentId: string | null;
}

export type CheckoutState =
	| { status: 'paid'; checkout: PaidCheckout }
	| { status: 'processing' }
	| { status: 'open' | 'expired' | 'failed' }
	| { status: 'invalid'; reason: string };

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A Checkout Session id as Stripe issues them (what a success URL may carry). */
export const isCheckoutSessionId = (value: string | null): value is string =>
	value !== null && /^cs_(test|live)_[A-Za-z0-9]{10,200}$/.test(value);

/**
 * Where a Checkout Session stands. Only a complete session with payment_status `paid` grants
 * anything; `unpaid` on a complete session is an asynchronous payment still processing.
 */
export function checkoutState(session: Stripe.Checkout.Session): CheckoutState {
	if (session.mode !== 'payment') return { status: 'invalid', reason: `mode ${session.mode}` };
	if (session.status === 'open') return { status: 'open' };
	if (session.status === 'expired') return { status: 'expired' };
	if (session.payment_status === 'unpaid') return { status: 'processing' };
	if (session.payment_status !== 'paid') return { status: 'failed' };
	const productId = session.metadata?.product_id ?? '';
	if (!uuid.test(productId)) return { status: 'invalid', reason: 'no product_id in metadata' };
	const email = (session.customer_details?.email ?? session.customer_email ?? '')
		.trim()
		.toLowerCase();
	if (!email.includes('@')) return { status: 'invalid', reason: 'no buyer email' };
	if (session.amount_total === null || !session.currency) {
		return { status: 'invalid', reason: 'no amount' };
	}
	const paymentIntent = session.payment_intent;
	return {
		status: 'paid',
		checkout: {
			sessionId: session.id,
			productId,
			email,
			amountTotal: session.amount_total,
			currency: session.currency,
			paymentIntentId:
				typeof paymentIntent === 'string' ? paymentIntent : (paymentIntent?.id ?? null)
		}
	};
}
