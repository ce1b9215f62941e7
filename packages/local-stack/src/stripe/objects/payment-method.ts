import { createHash } from 'node:crypto';
import type Stripe from 'stripe';
import { newId } from '../ids.ts';

export interface CardDetails {
	digits: string;
	brand: string;
	expMonth: number;
	expYear: number;
}

/** A card PaymentMethod as the hosted pages create it; the same number always has the same fingerprint. */
export function newCardPaymentMethod(
	card: CardDetails,
	email: string | null,
	created: number
): Stripe.PaymentMethod {
	const typed: Stripe.PaymentMethod = {
		id: newId('pm'),
		object: 'payment_method',
		allow_redisplay: 'unspecified',
		billing_details: { address: null, email, name: null, phone: null, tax_id: null },
		card: {
			brand: card.brand,
			checks: { address_line1_check: null, address_postal_code_check: null, cvc_check: 'pass' },
			country: 'US',
			display_brand: card.brand,
			exp_month: card.expMonth,
			exp_year: card.expYear,
			fingerprint: createHash('sha256').update(card.digits).digest('base64url').slice(0, 16),
			funding: 'credit',
			generated_from: null,
			last4: card.digits.slice(-4),
			networks: { available: [card.brand], preferred: null },
			regulated_status: 'unregulated',
			three_d_secure_usage: { supported: true },
			wallet: null
		},
		created,
		customer: null,
		customer_account: null,
		livemode: false,
		metadata: {},
		type: 'card'
	};
	return typed;
}
