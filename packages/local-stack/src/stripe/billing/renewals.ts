import type Stripe from 'stripe';
import { emit, emitChange, type Emulator } from '../emulator.ts';
import { currentPeriod, periodFrom } from '../objects/subscription.ts';
import { collectInvoice, invoiceSucceeded } from './collection.ts';
import { getCustomer } from './customers.ts';
import {
	closeInvoice,
	createSubscriptionInvoice,
	finalizeInvoice,
	subscriptionOf
} from './invoices.ts';
import { nextStatus } from './subscription-status.ts';
import { timeOfSubscription, transition } from './subscriptions.ts';

const TRIAL_NOTICE = 'emulator.trial_will_end_sent';

export const trialWillEndSent = (emu: Emulator) =>
	new Set(emu.store.all(TRIAL_NOTICE).map((mark) => mark.id));

/** Three days before a trial ends (or at once for a shorter trial): `customer.subscription.trial_will_end`. */
export function trialWillEnd(emu: Emulator, subscription: Stripe.Subscription) {
	emu.store.put({ id: subscription.id, object: TRIAL_NOTICE });
	emit(emu, 'customer.subscription.trial_will_end', subscription);
}

/**
 * The end of a period: the subscription ends if it was set to, else the next period starts (a
 * trial's end makes it active) with its invoice, a draft finalized an hour later. One
 * `customer.subscription.updated` carries the new period, status and latest invoice.
 */
export function endPeriod(emu: Emulator, subscription: Stripe.Subscription) {
	const now = timeOfSubscription(emu, subscription);
	if (
		subscription.cancel_at_period_end ||
		(subscription.cancel_at && subscription.cancel_at <= now)
	) {
		transition(emu, subscription, 'canceled');
		return;
	}
	const before = structuredClone(subscription);
	const ended = currentPeriod(subscription);
	const next = periodFrom(ended.end, subscription.items.data[0].price);
	for (const item of subscription.items.data) {
		item.current_period_start = next.start;
		item.current_period_end = next.end;
	}
	if (subscription.status === 'trialing')
		subscription.status = nextStatus('trialing', 'trial_ended')!;
	createSubscriptionInvoice(emu, {
		customer: getCustomer(emu, subscription.customer as string),
		subscription,
		billingReason: 'subscription_cycle',
		period: next,
		usagePeriod: ended,
		free: false
	});
	emitChange(emu, 'customer.subscription.updated', before, subscription);
}

/**
 * A draft comes due: it is finalized and, unless there is nothing to pay or the subscription is
 * `unpaid` (Stripe keeps invoicing those without charging), charged at once.
 */
export function finalizeAndCollect(emu: Emulator, invoice: Stripe.Invoice) {
	finalizeInvoice(emu, invoice);
	const id = subscriptionOf(invoice);
	const subscription = id ? emu.store.get<Stripe.Subscription>('subscription', id) : undefined;
	if (invoice.amount_due === 0) return invoiceSucceeded(emu, invoice);
	if (subscription?.status === 'unpaid') {
		invoice.next_payment_attempt = null;
		return;
	}
	collectInvoice(emu, invoice, { automatic: true });
}

/** 23 hours without a paid first invoice: `incomplete_expired`, and that invoice is voided. */
export function expireIncomplete(emu: Emulator, subscription: Stripe.Subscription) {
	const first = subscription.latest_invoice
		? emu.store.get<Stripe.Invoice>('invoice', subscription.latest_invoice as string)
		: undefined;
	transition(emu, subscription, 'first_invoice_expired');
	if (first?.status === 'open') closeInvoice(emu, first, 'void');
}
