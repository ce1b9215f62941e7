import type Stripe from 'stripe';
import { describe, expect, it } from 'vitest';
import {
	advanceLimit,
	dueUntil,
	INCOMPLETE_WINDOW_SECONDS,
	nextDue,
	TRIAL_WILL_END_SECONDS
} from '../../../../src/stripe/clock/due.ts';
import { newInvoice } from '../../../../src/stripe/objects/invoice.ts';
import { newPrice } from '../../../../src/stripe/objects/price.ts';
import { newSubscription } from '../../../../src/stripe/objects/subscription.ts';
import type { Interval } from '../../../../src/stripe/objects/price.ts';

const START = Date.UTC(2030, 2, 1) / 1000;
const DAY = 24 * 3600;

const price = (interval: Interval = 'month') =>
	newPrice(
		{ currency: 'usd', unit_amount: 900, product: 'prod_1', recurring: { interval } },
		START
	);

function subscription(
	status: Stripe.Subscription.Status,
	trialEnd: number | null = null,
	interval: Interval = 'month'
) {
	return newSubscription({
		customer: 'cus_1',
		prices: [{ price: price(interval), quantity: 1 }],
		start: START,
		trialEnd,
		status,
		defaultPaymentMethod: null,
		testClock: 'clock_1'
	});
}

function invoice(of: Stripe.Subscription, changes: Partial<Stripe.Invoice>) {
	const made = newInvoice(
		{
			customer: { id: 'cus_1', email: null } as Stripe.Customer,
			subscription: of,
			billingReason: 'subscription_cycle',
			period: { start: START, end: START },
			usagePeriod: { start: START, end: START },
			created: START,
			free: false
		},
		() => ({ productName: 'Club', unitAmount: '$9.00' })
	);
	return Object.assign(made, changes);
}

const input = (
	subscriptions: Stripe.Subscription[],
	invoices: Stripe.Invoice[] = [],
	sent: string[] = []
) => ({ subscriptions, invoices, trialWillEndSent: new Set(sent) });

describe('what falls due on a clock', () => {
	it('runs a trial in order: trial_will_end 3 days before its end, then the period end', () => {
		const trial = subscription('trialing', START + 7 * DAY);
		const due = dueUntil(input([trial]), START + 30 * DAY);
		expect(due.map((d) => [d.kind, d.at])).toEqual([
			['trial_will_end', START + 7 * DAY - TRIAL_WILL_END_SECONDS],
			['period_end', START + 7 * DAY]
		]);
		expect(dueUntil(input([trial], [], [trial.id]), START + 30 * DAY).map((d) => d.kind)).toEqual([
			'period_end'
		]);
	});

	it('sends trial_will_end at once for a trial shorter than three days', () => {
		const short = subscription('trialing', START + DAY);
		expect(nextDue(input([short]), START + 2 * DAY)).toMatchObject({
			kind: 'trial_will_end',
			at: START
		});
	});

	it('orders items of the same second: expiry, trial notice, finalization, retry, period end', () => {
		const active = subscription('active');
		const end = active.items.data[0].current_period_end;
		const draft = invoice(active, { status: 'draft', automatically_finalizes_at: end });
		const open = invoice(active, { status: 'open', next_payment_attempt: end });
		const incomplete = Object.assign(subscription('incomplete'), {
			created: end - INCOMPLETE_WINDOW_SECONDS
		});
		const due = dueUntil(input([active, incomplete], [open, draft]), end);
		expect(due.map((d) => d.kind)).toEqual([
			'expire_incomplete',
			'finalize_invoice',
			'attempt_payment',
			'period_end'
		]);
	});

	it('ends a subscription set to cancel at its cancel_at, and nothing after the given time', () => {
		const ending = Object.assign(subscription('active'), { cancel_at: START + 10 * DAY });
		expect(nextDue(input([ending]), START + 20 * DAY)).toMatchObject({
			kind: 'period_end',
			at: START + 10 * DAY
		});
		expect(nextDue(input([ending]), START + 9 * DAY)).toBeUndefined();
		expect(dueUntil(input([subscription('canceled')]), START + 400 * DAY)).toEqual([]);
	});

	it('lets a clock move at most two intervals of its shortest subscription, two years without one', () => {
		expect(advanceLimit(START, [])).toBe(Date.UTC(2032, 2, 1) / 1000);
		expect(advanceLimit(START, [subscription('active', null, 'year')])).toBe(
			Date.UTC(2032, 2, 1) / 1000
		);
		expect(
			advanceLimit(START, [subscription('active', null, 'year'), subscription('active')])
		).toBe(Date.UTC(2030, 4, 1) / 1000);
		expect(advanceLimit(START, [subscription('active', null, 'week')])).toBe(START + 14 * DAY);
	});
});
