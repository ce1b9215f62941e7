import type Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	advance,
	billingSetup,
	CLOCK_START,
	clockedCustomer,
	DAY,
	type Plan,
	submitCheckout,
	subscriptionSession
} from './billing-support.ts';
import { advanceTestClock, getTestClock } from '../../../src/stripe/clock/test-clocks.ts';
import { NO_REQUEST } from '../../../src/stripe/emulator.ts';
import type { TestEmulator } from './support.ts';

let emulator: TestEmulator;
let plan: Plan;

beforeAll(async () => ({ emulator, plan } = await billingSetup()));
afterAll(() => emulator?.cleanUp());

/** A member on a fresh clock, subscribed through Checkout with `card` (and a trial, if given). */
async function member(card: string, trialDays?: number, price = plan.monthly.id) {
	const { clock, customer } = await clockedCustomer(emulator.stripe, `${card}@example.com`);
	const session = await subscriptionSession(emulator.stripe, price, {
		customer: customer.id,
		...(trialDays ? { subscription_data: { trial_period_days: trialDays } } : {})
	});
	await submitCheckout(session.url!, card);
	const done = await emulator.stripe.checkout.sessions.retrieve(session.id);
	return { clock, customer, subscription: String(done.subscription) };
}

/** The events about one subscription (or its invoices) on a clock, oldest first. */
async function timeline(subscription: string) {
	const events: Stripe.Event[] = [];
	for await (const event of emulator.stripe.events.list({ limit: 100 })) events.push(event);
	return events.reverse().filter((e) => {
		const object = e.data.object as {
			id: string;
			object: string;
			parent?: { subscription_details?: { subscription?: string } };
		};
		return (
			object.id === subscription ||
			object.parent?.subscription_details?.subscription === subscription
		);
	});
}

const typesOf = (events: Stripe.Event[]) => events.map((e) => e.type);

describe('test clocks', () => {
	it('are created ready, listed, advanced (advancing, then ready with its events) and deleted with their customers', async () => {
		const { clock, customer } = await clockedCustomer(emulator.stripe, 'clock@example.com');
		expect(clock).toMatchObject({
			object: 'test_helpers.test_clock',
			status: 'ready',
			frozen_time: CLOCK_START
		});
		expect(customer).toMatchObject({ test_clock: clock.id, created: CLOCK_START });
		const listed = await emulator.stripe.testHelpers.testClocks.list({ limit: 100 });
		expect(listed.data.map((c) => c.id)).toContain(clock.id);
		const { started, ready } = await advance(emulator.stripe, clock.id, CLOCK_START + DAY);
		expect(started).toMatchObject({
			status: 'advancing',
			status_details: { advancing: { target_frozen_time: CLOCK_START + DAY } }
		});
		expect(ready).toMatchObject({ status: 'ready', frozen_time: CLOCK_START + DAY });
		const types = (await emulator.stripe.events.list({ type: 'test_helpers.test_clock.*' })).data
			.filter((e) => (e.data.object as { id: string }).id === clock.id)
			.map((e) => e.type);
		expect(types).toEqual([
			'test_helpers.test_clock.ready',
			'test_helpers.test_clock.advancing',
			'test_helpers.test_clock.created'
		]);
		const deleted = await emulator.stripe.testHelpers.testClocks.del(clock.id);
		expect(deleted).toMatchObject({ id: clock.id, deleted: true });
		await expect(emulator.stripe.customers.retrieve(customer.id)).rejects.toMatchObject({
			statusCode: 404
		});
	});

	it('refuse going back, a second advance while advancing, and more than two intervals of the shortest subscription', async () => {
		const { clock } = await member('4242424242424242');
		await expect(
			emulator.stripe.testHelpers.testClocks.advance(clock.id, { frozen_time: CLOCK_START - 1 })
		).rejects.toMatchObject({ statusCode: 400, param: 'frozen_time' });
		await expect(
			emulator.stripe.testHelpers.testClocks.advance(clock.id, {
				frozen_time: Date.UTC(2030, 4, 2) / 1000
			})
		).rejects.toMatchObject({ statusCode: 400, param: 'frozen_time' });
		// Stripe advances in the background; the emulator too, on its next turn. Called in-process,
		// the second request meets the clock still advancing.
		const running = getTestClock(emulator.emulator, clock.id);
		advanceTestClock(emulator.emulator, running, CLOCK_START + DAY, NO_REQUEST);
		expect(() =>
			advanceTestClock(emulator.emulator, running, CLOCK_START + 2 * DAY, NO_REQUEST)
		).toThrow(/already advancing/);
	});
});

describe('renewals on a test clock', () => {
	it('renews monthly: a draft at the period end, finalized and paid an hour later, the next period on the items', async () => {
		const { clock, subscription } = await member('4242424242424242');
		const renewal = Date.UTC(2030, 3, 1) / 1000;
		await advance(emulator.stripe, clock.id, renewal + 1800);
		const draft = (await emulator.stripe.invoices.list({ subscription, status: 'draft' })).data[0];
		expect(draft).toMatchObject({
			billing_reason: 'subscription_cycle',
			created: renewal,
			automatically_finalizes_at: renewal + 3600,
			period_start: CLOCK_START,
			period_end: renewal
		});
		await advance(emulator.stripe, clock.id, renewal + 2 * 3600);
		const paid = await emulator.stripe.invoices.retrieve(draft.id);
		expect(paid).toMatchObject({ status: 'paid', amount_paid: 900 });
		expect(paid.number).toMatch(/-0002$/);
		const renewed = await emulator.stripe.subscriptions.retrieve(subscription);
		expect(renewed.status).toBe('active');
		expect(renewed.latest_invoice).toBe(draft.id);
		expect(renewed.items.data[0]).toMatchObject({
			current_period_start: renewal,
			current_period_end: Date.UTC(2030, 4, 1) / 1000
		});
		expect(typesOf(await timeline(subscription)).slice(-5)).toEqual([
			'invoice.created',
			'customer.subscription.updated',
			'invoice.finalized',
			'invoice.paid',
			'invoice.payment_succeeded'
		]);
	});

	it('ends a trial: trial_will_end 3 days before, then active and billed at the trial end', async () => {
		const { clock, subscription } = await member('4242424242424242', 7);
		await advance(emulator.stripe, clock.id, CLOCK_START + 4 * DAY + 60);
		const notice = (await timeline(subscription)).find(
			(e) => e.type === 'customer.subscription.trial_will_end'
		);
		expect(notice).toBeDefined();
		expect((await emulator.stripe.subscriptions.retrieve(subscription)).status).toBe('trialing');
		await advance(emulator.stripe, clock.id, CLOCK_START + 7 * DAY + 2 * 3600);
		const active = await emulator.stripe.subscriptions.retrieve(subscription);
		expect(active).toMatchObject({ status: 'active', trial_end: CLOCK_START + 7 * DAY });
		expect(active.items.data[0].current_period_start).toBe(CLOCK_START + 7 * DAY);
		const invoices = await emulator.stripe.invoices.list({ subscription });
		expect(invoices.data.map((i) => [i.billing_reason, i.amount_paid, i.status])).toEqual([
			['subscription_cycle', 900, 'paid'],
			['subscription_create', 0, 'paid']
		]);
		const ended = (await timeline(subscription)).find(
			(e) =>
				e.type === 'customer.subscription.updated' &&
				(e.data.previous_attributes as { status?: string }).status === 'trialing'
		);
		expect((ended?.data.object as Stripe.Subscription).status).toBe('active');
	});

	it('with 0341 after a trial: the renewal fails, past_due, Smart Retries over two weeks, then canceled', async () => {
		const { clock, subscription } = await member('4000000000000341', 3);
		const trialEnd = CLOCK_START + 3 * DAY;
		await advance(emulator.stripe, clock.id, trialEnd + 2 * 3600);
		const pastDue = await emulator.stripe.subscriptions.retrieve(subscription);
		expect(pastDue.status).toBe('past_due');
		const invoice = (await emulator.stripe.invoices.list({ subscription, status: 'open' })).data[0];
		const finalized = invoice.status_transitions.finalized_at!;
		expect(invoice).toMatchObject({ attempt_count: 1, next_payment_attempt: finalized + 2 * DAY });
		await advance(emulator.stripe, clock.id, finalized + 13 * DAY);
		const retrying = await emulator.stripe.invoices.retrieve(invoice.id);
		expect(retrying).toMatchObject({
			attempt_count: 7,
			next_payment_attempt: finalized + 14 * DAY
		});
		expect((await emulator.stripe.subscriptions.retrieve(subscription)).status).toBe('past_due');
		await advance(emulator.stripe, clock.id, finalized + 15 * DAY);
		const canceled = await emulator.stripe.subscriptions.retrieve(subscription);
		expect(canceled).toMatchObject({
			status: 'canceled',
			ended_at: finalized + 14 * DAY,
			cancellation_details: { reason: 'payment_failed' }
		});
		const types = typesOf(await timeline(subscription));
		expect(types.filter((t) => t === 'invoice.payment_failed')).toHaveLength(8);
		expect(types.at(-1)).toBe('customer.subscription.deleted');
		expect(await emulator.stripe.invoices.retrieve(invoice.id)).toMatchObject({
			status: 'open',
			next_payment_attempt: null
		});
	});

	it('marks the subscription unpaid instead when the account says so, and keeps invoicing without charging', async () => {
		await emulator.control('billing', { after_retries: 'unpaid', retry_days: '' });
		try {
			const { clock, subscription } = await member('4000000000000341', 3);
			const trialEnd = CLOCK_START + 3 * DAY;
			await advance(emulator.stripe, clock.id, trialEnd + 2 * 3600);
			expect((await emulator.stripe.subscriptions.retrieve(subscription)).status).toBe('unpaid');
			await advance(emulator.stripe, clock.id, trialEnd + 31 * DAY + 2 * 3600);
			const invoices = await emulator.stripe.invoices.list({ subscription, status: 'open' });
			expect(invoices.data.map((i) => i.attempt_count)).toEqual([0, 1]);
		} finally {
			await emulator.control('billing', {
				after_retries: 'cancel',
				'retry_days[0]': '2',
				'retry_days[1]': '4',
				'retry_days[2]': '6',
				'retry_days[3]': '8',
				'retry_days[4]': '10',
				'retry_days[5]': '12',
				'retry_days[6]': '14'
			});
		}
	});

	it('ends a subscription set to cancel at the period end, with customer.subscription.deleted', async () => {
		const { clock, subscription } = await member('4242424242424242');
		const set = await emulator.stripe.subscriptions.update(subscription, {
			cancel_at_period_end: true
		});
		const periodEnd = set.items.data[0].current_period_end;
		expect(set).toMatchObject({
			cancel_at_period_end: true,
			cancel_at: periodEnd,
			canceled_at: CLOCK_START
		});
		await advance(emulator.stripe, clock.id, periodEnd + 60);
		const ended = await emulator.stripe.subscriptions.retrieve(subscription);
		expect(ended).toMatchObject({ status: 'canceled', ended_at: periodEnd });
		expect(typesOf(await timeline(subscription)).at(-1)).toBe('customer.subscription.deleted');
		expect((await emulator.stripe.invoices.list({ subscription })).data).toHaveLength(1);
	});
});
