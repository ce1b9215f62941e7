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
	/** Not a purchase of this store (no product in its metadata): nothing to do. */
	| { status: 'foreign' }
	/** Claims to be one of ours but can never be valid. */
	| { status: 'invalid'; reason: string };

export const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A Checkout Session id as Stripe issues them (what a success URL may carry). */
export const isCheckoutSessionId = (value: unknown): value is string =>
	typeof value === 'string' && /^cs_(test|live)_[A-Za-z0-9]{10,200}$/.test(value);

const currencies = new Set(Intl.supportedValuesOf('currency').map((c) => c.toLowerCase()));

/** An ISO 4217 code this runtime can format (lowercase, as Stripe writes them). */
export const isKnownCurrency = (value: unknown): value is string =>
	typeof value === 'string' && currencies.has(value);

/**
 * Where a Checkout Session stands. Only a complete session with payment_status `paid` grants
 * anything; `unpaid` on a complete session is an asynchronous payment still processing.
 */
export function checkoutState(session: Stripe.Checkout.Session): CheckoutState {
	if (session.mode !== 'payment') return { status: 'foreign' };
	const productId = session.metadata?.product_id;
	if (productId === undefined) return { status: 'foreign' };
	if (!uuidPattern.test(productId)) return { status: 'invalid', reason: 'malformed product_id' };
	if (session.status === 'open') return { status: 'open' };
	if (session.status === 'expired') return { status: 'expired' };
	if (session.payment_status === 'unpaid') return { status: 'processing' };
	if (session.payment_status !== 'paid') return { status: 'failed' };
	const email = (session.customer_details?.email ?? session.customer_email ?? '')
		.trim()
		.toLowerCase();
	if (!/^[^@\s]+@[^@\s]+$/.test(email)) return { status: 'invalid', reason: 'no buyer email' };
	const amount = session.amount_total;
	if (amount === null || !Number.isSafeInteger(amount) || amount < 0) {
		return { status: 'invalid', reason: `amount ${amount}` };
	}
	if (!isKnownCurrency(session.currency)) {
		return { status: 'invalid', reason: `currency ${session.currency}` };
	}
	const paymentIntent = session.payment_intent;
	return {
		status: 'paid',
		checkout: {
			sessionId: session.id,
			productId: productId.toLowerCase(),
			email,
			amountTotal: amount,
			currency: session.currency,
			paymentIntentId:
				typeof paymentIntent === 'string' ? paymentIntent : (paymentIntent?.id ?? null)
		}
	};
}
