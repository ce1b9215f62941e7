import type Stripe from 'stripe';
import { emit, emitChange, NO_REQUEST, type Emulator, type RequestInfo } from '../emulator.ts';
import { noSuch } from '../errors.ts';
import { newSubscription, currentPeriod } from '../objects/subscription.ts';
import { timeOfCustomer } from '../time.ts';
import {
	nextStatus,
	type SubscriptionEvent,
	type SubscriptionStatus
} from './subscription-status.ts';

export function getSubscription(emu: Emulator, id: string, param = 'id'): Stripe.Subscription {
	const found = emu.store.get<Stripe.Subscription>('subscription', id);
	if (!found) throw noSuch('subscription', id, param);
	return found;
}

/** The time of a subscription's world: its test clock's, or the machine's. */
export const timeOfSubscription = (emu: Emulator, subscription: Stripe.Subscription) =>
	timeOfCustomer(emu, subscription.customer as string);

export interface SubscriptionStart {
	customer: Stripe.Customer;
	prices: { price: Stripe.Price; quantity: number }[];
	trialDays?: number;
	metadata?: Record<string, string>;
	description?: string;
	paymentMethod: string | null;
}

/** A new subscription (`customer.subscription.created`): `trialing` with a trial, else `incomplete` until its first invoice is paid. */
export function createSubscription(emu: Emulator, start: SubscriptionStart): Stripe.Subscription {
	const now = timeOfCustomer(emu, start.customer.id);
	const trialEnd = start.trialDays ? now + start.trialDays * 24 * 3600 : null;
	const subscription = emu.store.put(
		newSubscription({
			customer: start.customer.id,
			prices: start.prices,
			start: now,
			trialEnd,
			status: trialEnd ? 'trialing' : 'incomplete',
			metadata: start.metadata,
			description: start.description,
			defaultPaymentMethod: start.paymentMethod,
			testClock: (start.customer.test_clock as string | null) ?? null
		})
	);
	emit(emu, 'customer.subscription.created', subscription);
	return subscription;
}

/** Open invoices of an ended subscription are no longer collected automatically. */
function stopCollecting(emu: Emulator, subscription: Stripe.Subscription) {
	for (const invoice of emu.store.all<Stripe.Invoice>('invoice'))
		if (
			invoice.parent?.subscription_details?.subscription === subscription.id &&
			invoice.status === 'open'
		) {
			invoice.auto_advance = false;
			invoice.next_payment_attempt = null;
		}
}

/**
 * Moves a subscription through the state machine and says so: `customer.subscription.deleted`
 * when it ends by cancellation, `customer.subscription.updated` (with `previous_attributes`)
 * otherwise. A transition the state machine refuses changes nothing.
 */
export function transition(
	emu: Emulator,
	subscription: Stripe.Subscription,
	event: SubscriptionEvent,
	request: RequestInfo = NO_REQUEST,
	reason: Stripe.Subscription.CancellationDetails.Reason = 'cancellation_requested'
): boolean {
	const status = subscription.status as SubscriptionStatus;
	const next = nextStatus(status, event, emu.billing.afterRetries);
	if (!next || next === status) return false;
	const before = structuredClone(subscription);
	const now = timeOfSubscription(emu, subscription);
	subscription.status = next;
	if (next === 'canceled' || next === 'incomplete_expired') {
		subscription.canceled_at ??= now;
		subscription.ended_at = now;
		if (next === 'canceled')
			subscription.cancellation_details = {
				...subscription.cancellation_details!,
				reason: subscription.cancellation_details?.reason ?? reason
			};
		stopCollecting(emu, subscription);
	}
	if (next === 'canceled') emit(emu, 'customer.subscription.deleted', subscription, request);
	else emitChange(emu, 'customer.subscription.updated', before, subscription, request);
	return true;
}

/** Any other change the API or the portal makes (`customer.subscription.updated` when something changed). */
export function changeSubscription(
	emu: Emulator,
	subscription: Stripe.Subscription,
	change: (subscription: Stripe.Subscription) => void,
	request: RequestInfo = NO_REQUEST
) {
	const before = structuredClone(subscription);
	change(subscription);
	emitChange(emu, 'customer.subscription.updated', before, subscription, request);
}

/**
 * `cancel_at_period_end`: the subscription ends when its current period does (`cancel_at`), and
 * `canceled_at` records when that was asked; undoing it clears both.
 */
export function setCancelAtPeriodEnd(
	subscription: Stripe.Subscription,
	cancel: boolean,
	now: number
) {
	subscription.cancel_at_period_end = cancel;
	subscription.cancel_at = cancel ? currentPeriod(subscription).end : null;
	subscription.canceled_at = cancel ? now : null;
	subscription.cancellation_details = {
		...subscription.cancellation_details!,
		reason: cancel ? 'cancellation_requested' : null
	};
}

/** The subscriptions of a customer that still bill, newest first. */
export const liveSubscriptionsOf = (emu: Emulator, customer: string) =>
	emu.store
		.all<Stripe.Subscription>('subscription')
		.filter(
			(s) => s.customer === customer && !['canceled', 'incomplete_expired'].includes(s.status)
		);
