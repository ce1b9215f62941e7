import type Stripe from 'stripe';
import { emitChange, NO_REQUEST, type Emulator, type RequestInfo } from '../emulator.ts';
import { invalidRequest, noSuch } from '../errors.ts';
import { planOf } from '../objects/price.ts';
import { currentPeriod, periodFrom } from '../objects/subscription.ts';
import { collectInvoice, invoiceSucceeded } from './collection.ts';
import { getCustomer } from './customers.ts';
import { createSubscriptionInvoice, finalizeInvoice } from './invoices.ts';
import { timeOfSubscription } from './subscriptions.ts';

const sameInterval = (a: Stripe.Price, b: Stripe.Price) =>
	a.recurring?.interval === b.recurring?.interval &&
	a.recurring?.interval_count === b.recurring?.interval_count;

/** A price a subscription item may move to: active, recurring, in the subscription's currency. */
export function switchablePrice(
	emu: Emulator,
	subscription: Stripe.Subscription,
	id: string,
	param: string
): Stripe.Price {
	const price = emu.store.get<Stripe.Price>('price', id);
	if (!price) throw noSuch('price', id, param);
	if (!price.active)
		throw invalidRequest(
			'The price specified is inactive. This field only accepts active prices.',
			param
		);
	if (!price.recurring)
		throw invalidRequest(
			'The price specified is not recurring. Subscriptions need recurring prices.',
			param
		);
	if (price.currency !== subscription.currency)
		throw invalidRequest(
			`The price's currency (${price.currency}) must match the subscription's currency (${subscription.currency}).`,
			param
		);
	return price;
}

/**
 * Moves an item to another price without prorations (`proration_behavior=none`). Within the same
 * billing interval the new price applies from the next renewal. A new interval (monthly ↔ yearly)
 * resets the billing cycle as on Stripe: a new period starts now and its invoice is paid at once
 * (a trial keeps running instead, and the new price applies when it ends).
 */
export function switchPrice(
	emu: Emulator,
	subscription: Stripe.Subscription,
	item: Stripe.SubscriptionItem,
	price: Stripe.Price,
	quantity: number | undefined,
	request: RequestInfo = NO_REQUEST
) {
	const before = structuredClone(subscription);
	const resets = !sameInterval(item.price, price) && subscription.status !== 'trialing';
	item.price = price;
	item.plan = planOf(price);
	if (quantity !== undefined) item.quantity = quantity;
	if (!resets) {
		emitChange(emu, 'customer.subscription.updated', before, subscription, request);
		return;
	}
	const now = timeOfSubscription(emu, subscription);
	const ended = { start: currentPeriod(subscription).start, end: now };
	const next = periodFrom(now, price);
	for (const each of subscription.items.data) {
		each.current_period_start = next.start;
		each.current_period_end = next.end;
	}
	subscription.billing_cycle_anchor = now;
	if (subscription.cancel_at_period_end) subscription.cancel_at = next.end;
	const invoice = createSubscriptionInvoice(emu, {
		customer: getCustomer(emu, subscription.customer as string),
		subscription,
		billingReason: 'subscription_update',
		period: next,
		usagePeriod: ended,
		free: false
	});
	emitChange(emu, 'customer.subscription.updated', before, subscription, request);
	finalizeInvoice(emu, invoice, request);
	if (invoice.amount_due === 0) invoiceSucceeded(emu, invoice, request);
	else collectInvoice(emu, invoice, { automatic: true, request });
}
