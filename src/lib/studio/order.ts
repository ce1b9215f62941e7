import type { Aliased, Column } from '$shared/rows.ts';

/** An order as the studio shows it (sales, an order's page, the CSV). */
export type Order = Aliased<
	'purchases',
	'id' | 'created_at' | 'email' | 'amount_total' | 'amount_refunded' | 'currency' | 'status'
> & {
	title: Column<'products', 'title'>;
	sessionId: Column<'purchases', 'stripe_checkout_session_id'>;
	paymentIntentId: Column<'purchases', 'stripe_payment_intent_id'>;
	/** A refund was asked for in the studio and Stripe has not confirmed all of it yet. */
	refundPending: boolean;
};
