import type Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	advanceTestClock,
	deleteTestClock,
	getTestClock
} from '../../../src/stripe/clock/test-clocks.ts';
import { NO_REQUEST } from '../../../src/stripe/emulator.ts';
import {
	advance,
	billingSetup,
	CLOCK_START,
	clockedCustomer,
	clockedMember,
	DAY,
	subscriptionSession,
	submitCheckout,
	type Plan
} from './billing-support.ts';
import type { TestEmulator } from './support.ts';

let emulator: TestEmulator;
let plan: Plan;

beforeAll(async () => ({ emulator, plan } = await billingSetup()));
afterAll(() => emulator?.cleanUp());

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
		const { clock } = await clockedMember(emulator, plan.monthly.id, '4242424242424242');
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

describe('a clock deleted while advancing', () => {
	it('is not advanced any further, and sends no ready event', async () => {
		const { clock } = await clockedCustomer(emulator.stripe, 'gone@example.com');
		const running = getTestClock(emulator.emulator, clock.id);
		advanceTestClock(emulator.emulator, running, CLOCK_START + DAY, NO_REQUEST);
		deleteTestClock(emulator.emulator, running, NO_REQUEST);
		// The advance was scheduled first, so this timer fires after it.
		await new Promise((resolve) => setTimeout(resolve, 0));
		const events = (await emulator.stripe.events.list({ type: 'test_helpers.test_clock.*' })).data
			.filter((e) => (e.data.object as { id: string }).id === clock.id)
			.map((e) => e.type);
		expect(events).toEqual([
			'test_helpers.test_clock.deleted',
			'test_helpers.test_clock.advancing',
			'test_helpers.test_clock.created'
		]);
	});
});

describe('moving a customer onto a clock (test control)', () => {
	it('takes a guest’s Checkout customer with its subscription and invoices, whose trial then ends when the clock passes it', async () => {
		const session = await subscriptionSession(emulator.stripe, plan.monthly.id, {
			customer_email: 'guest-on-clock@example.com',
			subscription_data: { trial_period_days: 7 }
		});
		await submitCheckout(session.url!, '4242424242424242', 'guest-on-clock@example.com');
		const done = await emulator.stripe.checkout.sessions.retrieve(session.id);
		const customer = String(done.customer);
		const clock = (await emulator.control(`customers/${customer}/test_clock`)) as {
			id: string;
			frozen_time: number;
		};
		expect((await emulator.stripe.customers.retrieve(customer)) as Stripe.Customer).toMatchObject({
			test_clock: clock.id
		});
		const subscription = await emulator.stripe.subscriptions.retrieve(String(done.subscription));
		expect(subscription).toMatchObject({ status: 'trialing', test_clock: clock.id });
		await advance(emulator.stripe, clock.id, clock.frozen_time + 8 * DAY);
		expect(await emulator.stripe.subscriptions.retrieve(subscription.id)).toMatchObject({
			status: 'active'
		});
		await expect(emulator.control(`customers/${customer}/test_clock`)).rejects.toThrow(
			/on a test clock already/
		);
		await expect(emulator.control('customers/cus_missing/test_clock')).rejects.toThrow(/404/);
	});
});
