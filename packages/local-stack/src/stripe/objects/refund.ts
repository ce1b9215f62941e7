import type Stripe from 'stripe';
import { newId } from '../ids.ts';

export function newRefund(
	charge: Stripe.Charge,
	amount: number,
	reason: Stripe.Refund.Reason | null,
	metadata: Record<string, string>,
	created: number
): Stripe.Refund {
	const typed: Stripe.Refund = {
		id: newId('re'),
		object: 'refund',
		amount,
		balance_transaction: newId('txn'),
		charge: charge.id,
		created,
		currency: charge.currency,
		customer: charge.customer,
		customer_account: null,
		destination_details: {
			type: 'card',
			card: {
				reference_status: 'pending',
				reference_type: 'acquirer_reference_number',
				type: 'refund'
			}
		},
		metadata,
		payment_intent: charge.payment_intent,
		payment_method: charge.payment_method,
		reason,
		receipt_number: null,
		source_transfer_reversal: null,
		status: 'succeeded',
		transfer_reversal: null
	};
	return typed;
}
