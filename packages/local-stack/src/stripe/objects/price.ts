import type Stripe from 'stripe';
import { newId } from '../ids.ts';

export type Interval = 'day' | 'week' | 'month' | 'year';

export interface PriceCreate {
	currency: string;
	unit_amount: number;
	product: string;
	active?: boolean;
	recurring?: { interval: Interval; interval_count?: number };
	lookup_key?: string;
	nickname?: string;
	metadata?: Record<string, string>;
}

export function newPrice(create: PriceCreate, created: number): Stripe.Price {
	const typed: Stripe.Price = {
		id: newId('price'),
		object: 'price',
		active: create.active ?? true,
		billing_scheme: 'per_unit',
		created,
		currency: create.currency,
		custom_unit_amount: null,
		livemode: false,
		lookup_key: create.lookup_key ?? null,
		metadata: create.metadata ?? {},
		nickname: create.nickname ?? null,
		product: create.product,
		recurring: create.recurring
			? {
					interval: create.recurring.interval,
					interval_count: create.recurring.interval_count ?? 1,
					meter: null,
					trial_period_days: null,
					usage_type: 'licensed'
				}
			: null,
		tax_behavior: 'unspecified',
		tiers_mode: null,
		transform_quantity: null,
		type: create.recurring ? 'recurring' : 'one_time',
		unit_amount: create.unit_amount,
		// A decimal string on the wire; the SDK's type is its own Decimal class.
		unit_amount_decimal: String(
			create.unit_amount
		) as unknown as Stripe.Price['unit_amount_decimal']
	};
	return typed;
}

/** A subscription item's `plan`: the legacy view of its recurring price, still in the API. */
export function planOf(price: Stripe.Price): Stripe.Plan {
	const recurring = price.recurring!;
	const typed: Stripe.Plan = {
		id: price.id,
		object: 'plan',
		active: price.active,
		amount: price.unit_amount,
		amount_decimal: price.unit_amount_decimal as unknown as Stripe.Plan['amount_decimal'],
		billing_scheme: 'per_unit',
		created: price.created,
		currency: price.currency,
		interval: recurring.interval,
		interval_count: recurring.interval_count,
		livemode: false,
		metadata: price.metadata,
		meter: null,
		nickname: price.nickname,
		product: price.product as string,
		tiers_mode: null,
		transform_usage: null,
		trial_period_days: null,
		usage_type: 'licensed'
	};
	return typed;
}
