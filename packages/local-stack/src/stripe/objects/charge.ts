import type Stripe from 'stripe';
import { newId } from '../ids.ts';

export interface CardUsed {
	last4: string;
	brand: string;
	expMonth: number;
	expYear: number;
	email: string;
}

export interface ChargeFailure {
	code: string;
	declineCode?: string;
	message: string;
}

export interface ChargeCreate {
	intent: Stripe.PaymentIntent;
	card: CardUsed;
	status: Stripe.Charge.Status;
	failure?: ChargeFailure;
	/** The saved card charged, or a fresh one-off PaymentMethod id for a card typed on a page. */
	paymentMethod: string;
	/** The receipt page's address (Stripe's `https://pay.stripe.com/receipts/...`). */
	receiptUrl: string | null;
	created: number;
}

/** The charge behind one payment attempt of a PaymentIntent: succeeded, pending or failed. */
export function newCharge({
	intent,
	card,
	status,
	failure,
	paymentMethod,
	receiptUrl,
	created
}: ChargeCreate): Stripe.Charge {
	const id = newId('ch');
	const succeeded = status === 'succeeded';
	const typed: Stripe.Charge = {
		id,
		object: 'charge',
		amount: intent.amount,
		amount_captured: succeeded ? intent.amount : 0,
		amount_refunded: 0,
		application: null,
		application_fee: null,
		application_fee_amount: null,
		balance_transaction: succeeded ? newId('txn') : null,
		billing_details: { address: null, email: card.email, name: null, phone: null, tax_id: null },
		calculated_statement_descriptor: 'STOREFRONT',
		captured: succeeded,
		created,
		currency: intent.currency,
		customer: intent.customer,
		description: intent.description,
		disputed: false,
		failure_balance_transaction: null,
		failure_code: failure?.code ?? null,
		failure_message: failure?.message ?? null,
		fraud_details: {},
		livemode: false,
		metadata: {},
		on_behalf_of: null,
		outcome: {
			advice_code: null,
			network_advice_code: null,
			network_decline_code: null,
			network_status: failure ? 'declined_by_network' : 'approved_by_network',
			reason: failure?.declineCode ?? null,
			risk_level: 'normal',
			seller_message: failure
				? 'The bank did not return any further details with this decline.'
				: 'Payment complete.',
			type: failure ? 'issuer_declined' : 'authorized'
		},
		paid: succeeded,
		payment_intent: intent.id,
		payment_method: paymentMethod,
		payment_method_details: {
			type: 'card',
			card: {
				brand: card.brand,
				country: 'US',
				exp_month: card.expMonth,
				exp_year: card.expYear,
				funding: 'credit',
				last4: card.last4,
				network: card.brand
			} as Stripe.Charge.PaymentMethodDetails.Card
		},
		receipt_email: intent.receipt_email,
		receipt_number: null,
		receipt_url: receiptUrl,
		refunded: false,
		refunds: { object: 'list', data: [], has_more: false, url: `/v1/charges/${id}/refunds` },
		review: null,
		shipping: null,
		source: null,
		source_transfer: null,
		statement_descriptor: null,
		statement_descriptor_suffix: null,
		status,
		transfer_data: null,
		transfer_group: null
	};
	return typed;
}
