import type Stripe from 'stripe';
import { asUser } from './db';
import { stripe } from './stripe';

/**
 * A buyer's orders, as this session may see them (RLS on purchases: a session scoped to a
 * checkout sees that checkout's alone), and the way to each Stripe receipt.
 */

export interface BuyerOrder {
	id: string;
	createdAt: Date;
	/** Null when the item is no longer visible to the buyer (withdrawn from sale, then refunded). */
	title: string | null;
	slug: string | null;
	amountTotal: number;
	amountRefunded: number;
	currency: string;
	status: 'paid' | 'refunded' | 'disputed';
	/** Paid through Stripe (a claimed free item has no receipt). */
	hasReceipt: boolean;
}

export async function buyerOrders(user: SessionUser): Promise<BuyerOrder[]> {
	return asUser(
		user.claims,
		(sql) => sql<BuyerOrder[]>`
			select pu.id, pu.created_at as "createdAt", p.title, p.slug,
				pu.amount_total as "amountTotal", pu.amount_refunded as "amountRefunded",
				pu.currency, pu.status, pu.stripe_payment_intent_id is not null as "hasReceipt"
			from public.purchases pu left join public.products p on p.id = pu.product_id
			order by pu.created_at desc`
	);
}

/**
 * The Stripe receipt of one of this buyer's orders: the `receipt_url` of its payment's latest
 * charge, asked from Stripe now rather than stored, so it is always the one Stripe serves
 * today (its receipt shows refunds as they happen). Null when this session sees no such order,
 * or it was not paid through Stripe.
 */
export async function receiptUrl(user: SessionUser, orderId: string): Promise<string | null> {
	const [order] = await asUser(
		user.claims,
		(sql) => sql<{ paymentIntent: string | null }[]>`
			select stripe_payment_intent_id as "paymentIntent" from public.purchases
			where id = ${orderId}`
	);
	if (!order?.paymentIntent) return null;
	const intent = await stripe().paymentIntents.retrieve(order.paymentIntent, {
		expand: ['latest_charge']
	});
	return (intent.latest_charge as Stripe.Charge | null)?.receipt_url ?? null;
}
