import type Stripe from 'stripe';
import { newId, nowSeconds } from '../ids.ts';

export function newDispute(charge: Stripe.Charge, reason: string): Stripe.Dispute {
	const created = nowSeconds();
	const typed: Stripe.Dispute = {
		id: newId('du'),
		object: 'dispute',
		amount: charge.amount,
		balance_transactions: [],
		charge: charge.id,
		created,
		currency: charge.currency,
		enhanced_eligibility_types: [],
		evidence: {} as Stripe.Dispute.Evidence,
		evidence_details: {
			due_by: created + 7 * 24 * 3600,
			has_evidence: false,
			past_due: false,
			submission_count: 0
		} as Stripe.Dispute.EvidenceDetails,
		intended_submission_method: null,
		is_charge_refundable: false,
		livemode: false,
		metadata: {},
		payment_intent: charge.payment_intent,
		payment_method_details: {
			type: 'card',
			card: { brand: 'visa', case_type: 'chargeback', network: 'visa', network_reason_code: '10.4' }
		},
		reason,
		status: 'needs_response'
	};
	return typed;
}
