import type Stripe from 'stripe';
import { newId } from '../ids.ts';

export interface PaymentIntentCreate {
	amount: number;
	currency: string;
	metadata?: Record<string, string>;
	description?: string;
	receipt_email?: string;
	customer?: string | null;
	/** A saved card charged by Billing, or null until a card is typed on a page. */
	payment_method?: string | null;
	created: number;
}

/** A PaymentIntent as Checkout creates it when the customer first submits a card. */
export function newPaymentIntent(create: PaymentIntentCreate): Stripe.PaymentIntent {
	const id = newId('pi');
	const typed: Stripe.PaymentIntent = {
		id,
		object: 'payment_intent',
		allowed_payment_method_types: null,
		amount: create.amount,
		amount_capturable: 0,
		amount_details: { tip: {} },
		amount_received: 0,
		application: null,
		application_fee_amount: null,
		automatic_payment_methods: null,
		canceled_at: null,
		cancellation_reason: null,
		capture_method: 'automatic',
		client_secret: `${id}_secret_${newId('s').slice(2)}`,
		confirmation_method: 'automatic',
		created: create.created,
		currency: create.currency,
		customer: create.customer ?? null,
		customer_account: null,
		description: create.description ?? null,
		excluded_payment_method_types: null,
		last_payment_error: null,
		latest_charge: null,
		livemode: false,
		managed_payments: null,
		metadata: create.metadata ?? {},
		next_action: null,
		on_behalf_of: null,
		payment_method: create.payment_method ?? null,
		payment_method_configuration_details: null,
		payment_method_options: {
			card: {
				request_three_d_secure: 'automatic'
			} as Stripe.PaymentIntent.PaymentMethodOptions.Card
		},
		payment_method_types: ['card'],
		payment_record: null,
		processing: null,
		receipt_email: create.receipt_email ?? null,
		review: null,
		setup_future_usage: null,
		shipping: null,
		source: null,
		statement_descriptor: null,
		statement_descriptor_suffix: null,
		status: 'requires_payment_method',
		transfer_data: null,
		transfer_group: null
	};
	return typed;
}
