import type Stripe from 'stripe';
import { addInterval } from '../objects/period.ts';
import type { Interval } from '../objects/price.ts';

/** Stripe sends `customer.subscription.trial_will_end` three days before a trial ends. */
export const TRIAL_WILL_END_SECONDS = 3 * 24 * 3600;
/** An incomplete subscription whose first invoice stays unpaid expires after 23 hours. */
export const INCOMPLETE_WINDOW_SECONDS = 23 * 3600;

/** One thing that falls due at a point in (a clock's) time. */
export type Due =
	| { at: number; kind: 'expire_incomplete'; subscription: string }
	| { at: number; kind: 'trial_will_end'; subscription: string }
	| { at: number; kind: 'finalize_invoice'; invoice: string }
	| { at: number; kind: 'attempt_payment'; invoice: string }
	| { at: number; kind: 'period_end'; subscription: string };

/** What is due, from the billing objects of one clock (or of real time). */
export interface DueInput {
	subscriptions: Stripe.Subscription[];
	invoices: Stripe.Invoice[];
	/** Subscriptions whose `trial_will_end` was already sent. */
	trialWillEndSent: ReadonlySet<string>;
}

/** Within one second, earlier kinds go first: an old invoice's retry before a new period's invoice. */
const ORDER: Due['kind'][] = [
	'expire_incomplete',
	'trial_will_end',
	'finalize_invoice',
	'attempt_payment',
	'period_end'
];

const periodEnd = (s: Stripe.Subscription) => s.items.data[0]?.current_period_end ?? Infinity;

/** Every item due at or before `until`, in the order they happen. Pure. */
export function dueUntil(input: DueInput, until: number): Due[] {
	const due: Due[] = [];
	for (const s of input.subscriptions) {
		if (s.status === 'incomplete')
			due.push({
				at: s.created + INCOMPLETE_WINDOW_SECONDS,
				kind: 'expire_incomplete',
				subscription: s.id
			});
		if (s.status === 'trialing' && s.trial_end && !input.trialWillEndSent.has(s.id))
			due.push({
				at: Math.max(s.created, s.trial_end - TRIAL_WILL_END_SECONDS),
				kind: 'trial_will_end',
				subscription: s.id
			});
		if (['trialing', 'active', 'past_due', 'unpaid'].includes(s.status))
			due.push({ at: s.cancel_at ?? periodEnd(s), kind: 'period_end', subscription: s.id });
	}
	for (const invoice of input.invoices) {
		if (invoice.status === 'draft' && invoice.automatically_finalizes_at)
			due.push({
				at: invoice.automatically_finalizes_at,
				kind: 'finalize_invoice',
				invoice: invoice.id
			});
		if (invoice.status === 'open' && invoice.next_payment_attempt)
			due.push({ at: invoice.next_payment_attempt, kind: 'attempt_payment', invoice: invoice.id });
	}
	return due
		.filter((d) => d.at <= until)
		.sort((a, b) => a.at - b.at || ORDER.indexOf(a.kind) - ORDER.indexOf(b.kind));
}

/** The first item due: doing it may make new ones (a renewal makes an invoice), so ask again after. */
export const nextDue = (input: DueInput, until: number): Due | undefined =>
	dueUntil(input, until)[0];

/**
 * How far a test clock may move at once: "two intervals of the shortest subscription on the
 * clock", or two years without one (Stripe's rule for `advance`).
 */
export function advanceLimit(from: number, subscriptions: Stripe.Subscription[]): number {
	const limits = subscriptions.map((s) => {
		const recurring = s.items.data[0].price.recurring!;
		return addInterval(from, recurring.interval as Interval, 2 * recurring.interval_count);
	});
	return Math.min(addInterval(from, 'year', 2), ...limits);
}
