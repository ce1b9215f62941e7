import type Stripe from 'stripe';
import { newId } from '../ids.ts';

/** A session's parameters after validation, with its prices found or created. */
export interface SessionCreate {
	mode: 'payment' | 'subscription';
	success_url?: string;
	cancel_url?: string;
	customer?: string;
	customer_email?: string;
	customer_creation?: 'always' | 'if_required';
	client_reference_id?: string;
	expires_at?: number;
	metadata?: Record<string, string>;
	payment_method_types?: string[];
	locale?: string;
	submit_type?: string;
	/** Days of trial before the first payment (`subscription_data.trial_period_days`). */
	trialDays?: number;
}

export interface ResolvedItem {
	price: Stripe.Price;
	product: Stripe.Product;
	quantity: number;
}

/** Line items are kept beside the session, not in it: Stripe only includes them when expanded. */
export interface StoredLineItems {
	id: string;
	object: 'emulator.line_items';
	data: Stripe.LineItem[];
}

export function newLineItems(items: ResolvedItem[]): Stripe.LineItem[] {
	return items.map(({ price, product, quantity }) => {
		const total = (price.unit_amount ?? 0) * quantity;
		const lineItem: Stripe.LineItem = {
			id: newId('li'),
			object: 'item',
			adjustable_quantity: null,
			amount_discount: 0,
			amount_subtotal: total,
			amount_tax: 0,
			amount_total: total,
			currency: price.currency,
			description: product.name,
			metadata: {},
			price,
			quantity
		};
		return lineItem;
	});
}

/**
 * A new open session, every top-level field Stripe returns present (null where unused). With a
 * trial nothing is due today, so the amounts are zero while the line items keep their prices.
 */
export function newCheckoutSession(
	create: SessionCreate,
	items: Stripe.LineItem[],
	pageUrl: (id: string) => string,
	created: number
): Stripe.Checkout.Session {
	const id = newId('cs_test', 58);
	const trial = create.mode === 'subscription' && (create.trialDays ?? 0) > 0;
	const total = trial ? 0 : items.reduce((sum, item) => sum + item.amount_total, 0);
	const currency = items[0]?.currency ?? null;
	const payment = create.mode === 'payment';
	const session: Stripe.Checkout.Session = {
		id,
		object: 'checkout.session',
		adaptive_pricing: { enabled: false },
		after_expiration: null,
		allow_promotion_codes: null,
		allowed_payment_method_types: null,
		amount_subtotal: total,
		amount_total: total,
		automatic_tax: { enabled: false, liability: null, provider: null, status: null },
		billing_address_collection: null,
		cancel_url: create.cancel_url ?? null,
		client_reference_id: create.client_reference_id ?? null,
		client_secret: null,
		collected_information: null,
		consent: null,
		consent_collection: null,
		created,
		currency,
		currency_conversion: null,
		custom_fields: [],
		custom_text: {
			after_submit: null,
			shipping_address: null,
			submit: null,
			terms_of_service_acceptance: null
		},
		customer: create.customer ?? null,
		customer_account: null,
		customer_creation: payment ? (create.customer_creation ?? 'if_required') : null,
		customer_details: null,
		customer_email: create.customer_email ?? null,
		discounts: [],
		expires_at: create.expires_at ?? created + 24 * 3600,
		integration_identifier: null,
		invoice: null,
		invoice_creation: null,
		livemode: false,
		locale: (create.locale as Stripe.Checkout.Session.Locale) ?? null,
		managed_payments: null,
		metadata: create.metadata ?? {},
		mode: create.mode,
		origin_context: null,
		payment_intent: null,
		payment_link: null,
		payment_method_collection: payment ? null : 'always',
		payment_method_configuration_details: null,
		payment_method_options: {},
		payment_method_types: create.payment_method_types ?? ['card'],
		payment_status: 'unpaid',
		permissions: null,
		phone_number_collection: { enabled: false },
		recovered_from: null,
		saved_payment_method_options: null,
		setup_intent: null,
		shipping_address_collection: null,
		shipping_cost: null,
		shipping_options: [],
		status: 'open',
		submit_type: (create.submit_type as Stripe.Checkout.Session.SubmitType) ?? null,
		subscription: null,
		success_url: create.success_url ?? null,
		total_details: { amount_discount: 0, amount_shipping: 0, amount_tax: 0 },
		ui_mode: 'hosted',
		url: pageUrl(id),
		wallet_options: null
	};
	return session;
}
