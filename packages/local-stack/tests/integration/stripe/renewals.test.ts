import type Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	advance,
	billingSetup,
	CLOCK_START,
	clockedMember,
	DAY,
	type Plan,
	timeline
} from './billing-support.ts';
import type { TestEmulator } from './support.ts';

let emulator: TestEmulator;
let plan: Plan;

beforeAll(async () => ({ emulator, plan } = await billingSetup()));
afterAll(() => emulator?.cleanUp());

const member = (card: string, trialDays?: number) =>
	clockedMember(emulator, plan.monthly.id, card, trialDays);
const typesOf = (events: Stripe.Event[]) => events.map((e) => e.type);

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
		expect(typesOf(await timeline(emulator, subscription)).slice(-5)).toEqual([
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
		const notice = (await timeline(emulator, subscription)).find(
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
		const ended = (await timeline(emulator, subscription)).find(
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
		const types = typesOf(await timeline(emulator, subscription));
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
		expect(typesOf(await timeline(emulator, subscription)).at(-1)).toBe(
			'customer.subscription.deleted'
		);
		expect((await emulator.stripe.invoices.list({ subscription })).data).toHaveLength(1);
	});
});
