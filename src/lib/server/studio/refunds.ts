import Stripe from 'stripe';
import type { RefundFormData } from '$lib/studio/refund-form';
import type { Aliased } from '$shared/rows.ts';
import { minorUnits } from '$lib/studio/price';
import { asAdmin } from '../admin';
import { stripe } from '../stripe';
import type { Order } from './sales';

export type RefundRequest = Aliased<
	'refund_requests',
	'id' | 'amount' | 'reason' | 'note' | 'created_at'
>;

export async function refundRequests(user: SessionUser, purchaseId: string) {
	return asAdmin(
		user,
		(sql) => sql<RefundRequest[]>`
			select id, amount, reason, note, created_at as "createdAt" from public.refund_requests
			where purchase_id = ${purchaseId} order by created_at`
	);
}

/** What may still be refunded: not what Stripe refunded, nor what the studio asked for already. */
export const refundable = (order: Order, requests: RefundRequest[]) =>
	order.amountTotal -
	Math.max(
		order.amountRefunded,
		requests.reduce((sum, r) => sum + r.amount, 0)
	);

export type RefundResult =
	{ ok: true; amount: number } | { ok: false; field?: 'amount'; message: string };

/**
 * Asks Stripe to refund (the Refunds API, with the request's id as Idempotency-Key) and records
 * the request. The purchase's access changes only when Stripe's `charge.refunded` arrives.
 */
export async function requestRefund(
	user: SessionUser,
	order: Order,
	form: RefundFormData
): Promise<RefundResult> {
	if (!order.paymentIntentId) return { ok: false, message: 'A free item has nothing to refund.' };
	const left = refundable(order, await refundRequests(user, order.id));
	const amount = form.amount ? minorUnits(form.amount, order.currency) : left;
	if (typeof amount !== 'number') return { ok: false, field: 'amount', message: amount.error };
	if (amount <= 0 || amount > left) {
		return {
			ok: false,
			field: 'amount',
			message: left > 0 ? 'More than what is left to refund.' : 'Nothing is left to refund.'
		};
	}
	let refund: Stripe.Refund;
	try {
		refund = await stripe().refunds.create(
			{
				payment_intent: order.paymentIntentId,
				amount,
				reason: form.reason,
				metadata: { purchase_id: order.id, requested_by: user.email, note: form.note.slice(0, 400) }
			},
			{ idempotencyKey: `studio-refund-${form.requestId}` }
		);
	} catch (error) {
		if (error instanceof Stripe.errors.StripeError && error.type !== 'StripeConnectionError') {
			return { ok: false, message: `Stripe refused the refund: ${error.message}` };
		}
		throw error;
	}
	await asAdmin(
		user,
		(sql) => sql`select public.admin_record_refund(${form.requestId}, ${order.id}, ${amount},
			${form.reason}, ${form.note}, ${refund.id})`
	);
	return { ok: true, amount };
}
