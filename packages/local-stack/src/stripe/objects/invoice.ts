import type Stripe from 'stripe';
import { newId } from '../ids.ts';

export interface InvoiceCreate {
	customer: Stripe.Customer;
	subscription: Stripe.Subscription;
	billingReason: 'subscription_create' | 'subscription_cycle' | 'subscription_update';
	/** The period the lines bill for (the new one, paid in advance). */
	period: { start: number; end: number };
	/** The invoice's own period_start/end: the period that just ended (creation time for the first). */
	usagePeriod: { start: number; end: number };
	created: number;
	/** A trial's first invoice is for nothing: its lines are free. */
	free: boolean;
}

/** "1 × The Guide (at $9.00 / month)", the line description Stripe writes for a subscription item. */
function lineDescription(item: Stripe.SubscriptionItem, productName: string, amount: string) {
	const recurring = item.price.recurring!;
	const every =
		recurring.interval_count === 1
			? recurring.interval
			: `every ${recurring.interval_count} ${recurring.interval}s`;
	return `${item.quantity ?? 1} × ${productName} (at ${amount} / ${every})`;
}

export function invoiceLines(
	create: InvoiceCreate,
	invoiceId: string,
	describe: (item: Stripe.SubscriptionItem) => { productName: string; unitAmount: string }
): Stripe.InvoiceLineItem[] {
	return create.subscription.items.data.map((item) => {
		const amount = create.free ? 0 : (item.price.unit_amount ?? 0) * (item.quantity ?? 1);
		const { productName, unitAmount } = describe(item);
		const typed: Stripe.InvoiceLineItem = {
			id: newId('il'),
			object: 'line_item',
			amount,
			currency: item.price.currency,
			description: create.free
				? `Trial period for ${productName}`
				: lineDescription(item, productName, unitAmount),
			discount_amounts: [],
			discountable: true,
			discounts: [],
			invoice: invoiceId,
			livemode: false,
			metadata: {},
			parent: {
				invoice_item_details: null,
				subscription_item_details: {
					invoice_item: null,
					proration: false,
					proration_details: { credited_items: null },
					subscription: create.subscription.id,
					subscription_item: item.id
				},
				type: 'subscription_item_details'
			},
			period: { start: create.period.start, end: create.period.end },
			pretax_credit_amounts: [],
			pricing: {
				price_details: { price: item.price.id, product: item.price.product as string },
				type: 'price_details',
				unit_amount_decimal: item.price
					.unit_amount_decimal as unknown as Stripe.InvoiceLineItem.Pricing['unit_amount_decimal']
			},
			quantity: item.quantity ?? 1,
			quantity_decimal: String(
				item.quantity ?? 1
			) as unknown as Stripe.InvoiceLineItem['quantity_decimal'],
			subscription: create.subscription.id,
			subtotal: amount,
			taxes: []
		};
		return typed;
	});
}

/**
 * A draft invoice of a subscription. Since API version 2025-03-31 the subscription is named in
 * `parent.subscription_details`, not in a top-level `subscription` field, and payments are listed
 * as InvoicePayments instead of `charge`/`payment_intent` fields.
 */
export function newInvoice(
	create: InvoiceCreate,
	describe: (item: Stripe.SubscriptionItem) => { productName: string; unitAmount: string }
): Stripe.Invoice {
	const id = newId('in');
	const lines = invoiceLines(create, id, describe);
	const total = lines.reduce((sum, line) => sum + line.amount, 0);
	const { customer, subscription } = create;
	const typed: Stripe.Invoice = {
		id,
		object: 'invoice',
		account_country: 'US',
		account_name: 'Storefront (emulator)',
		account_tax_ids: null,
		amount_due: total,
		amount_overpaid: 0,
		amount_paid: 0,
		amount_paid_off_stripe: 0,
		amount_remaining: total,
		amount_shipping: 0,
		application: null,
		attempt_count: 0,
		attempted: false,
		auto_advance: true,
		automatic_tax: {
			disabled_reason: null,
			enabled: false,
			liability: null,
			provider: null,
			status: null
		},
		automatically_finalizes_at: null,
		billing_reason: create.billingReason,
		collection_method: 'charge_automatically',
		created: create.created,
		currency: subscription.currency,
		custom_fields: null,
		customer: customer.id,
		customer_account: null,
		customer_address: null,
		customer_email: customer.email,
		customer_name: customer.name ?? null,
		customer_phone: customer.phone ?? null,
		customer_shipping: null,
		customer_tax_exempt: 'none',
		customer_tax_ids: [],
		default_payment_method: null,
		default_source: null,
		default_tax_rates: [],
		description: null,
		discounts: [],
		due_date: null,
		effective_at: null,
		ending_balance: null,
		footer: null,
		from_invoice: null,
		hosted_invoice_url: null,
		invoice_pdf: null,
		issuer: { type: 'self' },
		last_finalization_error: null,
		latest_revision: null,
		lines: { object: 'list', data: lines, has_more: false, url: `/v1/invoices/${id}/lines` },
		livemode: false,
		metadata: {},
		next_payment_attempt: null,
		number: null,
		on_behalf_of: null,
		parent: {
			quote_details: null,
			subscription_details: { metadata: subscription.metadata, subscription: subscription.id },
			type: 'subscription_details'
		},
		payment_settings: {
			default_mandate: null,
			payment_method_options: null,
			payment_method_types: null
		},
		period_end: create.usagePeriod.end,
		period_start: create.usagePeriod.start,
		post_payment_credit_notes_amount: 0,
		pre_payment_credit_notes_amount: 0,
		receipt_number: null,
		rendering: null,
		shipping_cost: null,
		shipping_details: null,
		starting_balance: 0,
		statement_descriptor: null,
		status: 'draft',
		status_transitions: {
			finalized_at: null,
			marked_uncollectible_at: null,
			paid_at: null,
			voided_at: null
		},
		subtotal: total,
		subtotal_excluding_tax: total,
		test_clock: subscription.test_clock,
		total,
		total_discount_amounts: [],
		total_excluding_tax: total,
		total_pretax_credit_amounts: [],
		total_taxes: [],
		webhooks_delivered_at: null
	};
	return typed;
}

/** One payment of an invoice (`invoice.payments`, `invoice_payment.paid`). */
export function newInvoicePayment(
	invoice: Stripe.Invoice,
	intent: Stripe.PaymentIntent,
	created: number
): Stripe.InvoicePayment {
	const typed: Stripe.InvoicePayment = {
		id: newId('inpay'),
		object: 'invoice_payment',
		amount_paid: null,
		amount_requested: invoice.amount_due,
		created,
		currency: invoice.currency,
		invoice: invoice.id,
		is_default: true,
		livemode: false,
		payment: { payment_intent: intent.id, type: 'payment_intent' },
		status: 'open',
		status_transitions: { canceled_at: null, paid_at: null }
	};
	return typed;
}
