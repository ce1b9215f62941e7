import type Stripe from 'stripe';
import { newId } from '../ids.ts';
import { addInterval } from './period.ts';
import { planOf, type Interval } from './price.ts';

export interface SubscriptionCreate {
	customer: string;
	prices: { price: Stripe.Price; quantity: number }[];
	/** When it starts: the clock's time for a customer on a test clock. */
	start: number;
	trialEnd: number | null;
	status: Stripe.Subscription.Status;
	metadata?: Record<string, string>;
	description?: string;
	defaultPaymentMethod: string | null;
	testClock: string | null;
}

/** The billing period that starts at `start` for a recurring price. */
export function periodFrom(start: number, price: Stripe.Price) {
	const recurring = price.recurring!;
	return {
		start,
		end: addInterval(start, recurring.interval as Interval, recurring.interval_count)
	};
}

export function newSubscriptionItem(
	subscription: string,
	price: Stripe.Price,
	quantity: number,
	period: { start: number; end: number },
	created: number
): Stripe.SubscriptionItem {
	const typed: Stripe.SubscriptionItem = {
		id: newId('si', 14),
		object: 'subscription_item',
		billing_thresholds: null,
		created,
		current_period_end: period.end,
		current_period_start: period.start,
		current_trial: null,
		discounts: [],
		metadata: {},
		plan: planOf(price),
		price,
		quantity,
		subscription,
		tax_rates: []
	};
	return typed;
}

/**
 * A subscription as Checkout creates it. Since API version 2025-03-31 the current period lives on
 * each item (`items.data[].current_period_start/end`), not on the subscription.
 */
export function newSubscription(create: SubscriptionCreate): Stripe.Subscription {
	const id = newId('sub');
	// A trial is the first period; the first paid period starts when it ends.
	const period = create.trialEnd
		? { start: create.start, end: create.trialEnd }
		: periodFrom(create.start, create.prices[0].price);
	const items = create.prices.map(({ price, quantity }) =>
		newSubscriptionItem(id, price, quantity, period, create.start)
	);
	const typed: Stripe.Subscription = {
		id,
		object: 'subscription',
		application: null,
		application_fee_percent: null,
		automatic_tax: { disabled_reason: null, enabled: false, liability: null },
		billing_cycle_anchor: create.trialEnd ?? create.start,
		billing_cycle_anchor_config: null,
		billing_mode: { flexible: null, type: 'classic' },
		billing_schedules: [],
		billing_thresholds: null,
		cancel_at: null,
		cancel_at_period_end: false,
		canceled_at: null,
		cancellation_details: { comment: null, feedback: null, feedback_option: null, reason: null },
		collection_method: 'charge_automatically',
		created: create.start,
		currency: create.prices[0].price.currency,
		customer: create.customer,
		customer_account: null,
		days_until_due: null,
		default_payment_method: create.defaultPaymentMethod,
		default_source: null,
		default_tax_rates: [],
		description: create.description ?? null,
		discounts: [],
		ended_at: null,
		invoice_settings: {
			account_tax_ids: null,
			custom_fields: null,
			description: null,
			footer: null,
			issuer: { type: 'self' }
		},
		items: {
			object: 'list',
			data: items,
			has_more: false,
			url: `/v1/subscription_items?subscription=${id}`
		},
		latest_invoice: null,
		livemode: false,
		managed_payments: null,
		metadata: create.metadata ?? {},
		next_pending_invoice_item_invoice: null,
		on_behalf_of: null,
		pause_collection: null,
		payment_settings: {
			payment_method_options: null,
			payment_method_types: null,
			save_default_payment_method: 'off'
		},
		pending_invoice_item_interval: null,
		pending_setup_intent: null,
		pending_update: null,
		schedule: null,
		start_date: create.start,
		status: create.status,
		test_clock: create.testClock,
		transfer_data: null,
		trial_end: create.trialEnd,
		trial_settings: {
			end_behavior: { billing_cycle_anchor: null, missing_payment_method: 'create_invoice' }
		},
		trial_start: create.trialEnd ? create.start : null
	};
	return typed;
}

/** The current period, read from the first item (all items share it in this emulator). */
export function currentPeriod(subscription: Stripe.Subscription) {
	const item = subscription.items.data[0];
	return { start: item.current_period_start, end: item.current_period_end };
}
