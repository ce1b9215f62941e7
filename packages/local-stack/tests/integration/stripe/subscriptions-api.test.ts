import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	billingSetup,
	CLOCK_START,
	clockedCustomer,
	type Plan,
	submitCheckout,
	subscriptionSession
} from './billing-support.ts';
import { failureOf, type TestEmulator } from './support.ts';

let emulator: TestEmulator;
let plan: Plan;

beforeAll(async () => ({ emulator, plan } = await billingSetup()));
afterAll(() => emulator?.cleanUp());

async function subscribed(card = '4242424242424242', price = plan.monthly.id) {
	const { customer, clock } = await clockedCustomer(emulator.stripe, 'api@example.com');
	const session = await subscriptionSession(emulator.stripe, price, { customer: customer.id });
	await submitCheckout(session.url!, card);
	const done = await emulator.stripe.checkout.sessions.retrieve(session.id);
	return {
		customer,
		clock,
		subscription: await emulator.stripe.subscriptions.retrieve(String(done.subscription))
	};
}

describe('subscriptions through the SDK', () => {
	it('switches monthly to yearly: a new yearly period from now, paid at once, without prorations', async () => {
		const { subscription } = await subscribed();
		const item = subscription.items.data[0];
		const updated = await emulator.stripe.subscriptions.update(subscription.id, {
			items: [{ id: item.id, price: plan.yearly.id }],
			proration_behavior: 'none'
		});
		expect(updated.items.data[0]).toMatchObject({
			id: item.id,
			price: { id: plan.yearly.id },
			current_period_start: CLOCK_START,
			current_period_end: Date.UTC(2031, 2, 1) / 1000
		});
		const invoice = await emulator.stripe.invoices.retrieve(String(updated.latest_invoice));
		expect(invoice).toMatchObject({
			billing_reason: 'subscription_update',
			status: 'paid',
			amount_paid: 9000
		});
		const event = (
			await emulator.stripe.events.list({ type: 'customer.subscription.updated', limit: 5 })
		).data.find((e) => (e.data.object as Stripe.Subscription).id === subscription.id);
		expect(Object.keys(event!.data.previous_attributes!)).toEqual(
			expect.arrayContaining(['items', 'latest_invoice'])
		);
	});

	it('updates metadata (merging, a blank value removes a key), the default card and cancel_at_period_end, then undoes it', async () => {
		const { subscription, customer } = await subscribed();
		await emulator.stripe.subscriptions.update(subscription.id, { metadata: { a: '1', b: '2' } });
		const merged = await emulator.stripe.subscriptions.update(subscription.id, {
			metadata: { b: '', c: '3' }
		});
		expect(merged.metadata).toEqual({ a: '1', c: '3' });
		const card = await emulator.stripe.paymentMethods.attach('pm_card_mastercard', {
			customer: customer.id
		});
		expect(card).toMatchObject({ customer: customer.id, card: { last4: '4444' } });
		const withCard = await emulator.stripe.subscriptions.update(subscription.id, {
			default_payment_method: card.id
		});
		expect(withCard.default_payment_method).toBe(card.id);
		const stranger = await emulator.stripe.paymentMethods.attach('pm_card_visa', {
			customer: (await emulator.stripe.customers.create({ email: 'other@example.com' })).id
		});
		expect(
			await failureOf(
				emulator.stripe.subscriptions.update(subscription.id, {
					default_payment_method: stranger.id
				})
			)
		).toMatchObject({ param: 'default_payment_method' });
		const ending = await emulator.stripe.subscriptions.update(subscription.id, {
			cancel_at_period_end: true
		});
		expect(ending).toMatchObject({
			cancel_at_period_end: true,
			cancel_at: ending.items.data[0].current_period_end,
			cancellation_details: { reason: 'cancellation_requested' }
		});
		const resumed = await emulator.stripe.subscriptions.update(subscription.id, {
			cancel_at_period_end: false
		});
		expect(resumed).toMatchObject({
			cancel_at_period_end: false,
			cancel_at: null,
			canceled_at: null
		});
	});

	it('cancels at once with DELETE (customer.subscription.deleted), refuses to cancel twice, and lists it only with status=all or canceled', async () => {
		const { subscription, customer } = await subscribed();
		const canceled = await emulator.stripe.subscriptions.cancel(subscription.id, {
			cancellation_details: { feedback: 'too_expensive' }
		});
		expect(canceled).toMatchObject({
			status: 'canceled',
			canceled_at: CLOCK_START,
			ended_at: CLOCK_START,
			cancellation_details: { feedback: 'too_expensive', reason: 'cancellation_requested' }
		});
		expect(await failureOf(emulator.stripe.subscriptions.cancel(subscription.id))).toMatchObject({
			statusCode: 400
		});
		const deleted = (
			await emulator.stripe.events.list({ type: 'customer.subscription.deleted', limit: 1 })
		).data[0];
		expect((deleted.data.object as Stripe.Subscription).id).toBe(subscription.id);
		const byDefault = await emulator.stripe.subscriptions.list({ customer: customer.id });
		expect(byDefault.data).toEqual([]);
		const all = await emulator.stripe.subscriptions.list({ customer: customer.id, status: 'all' });
		expect(all.data.map((s) => s.id)).toEqual([subscription.id]);
		const ended = await emulator.stripe.subscriptions.list({
			customer: customer.id,
			status: 'canceled'
		});
		expect(ended.data).toHaveLength(1);
		expect(
			await failureOf(
				emulator.stripe.subscriptions.update(subscription.id, { cancel_at_period_end: true })
			)
		).toMatchObject({ statusCode: 400 });
	});

	it('expands through its items: items.data.price.product', async () => {
		const { subscription } = await subscribed();
		const expanded = await emulator.stripe.subscriptions.retrieve(subscription.id, {
			expand: ['items.data.price.product', 'customer']
		});
		expect((expanded.items.data[0].price.product as Stripe.Product).name).toBe('Membership');
		expect((expanded.customer as Stripe.Customer).email).toBe('api@example.com');
		expect(
			await failureOf(
				emulator.stripe.subscriptions.retrieve(subscription.id, { expand: ['items.data.nope'] })
			)
		).toMatchObject({ statusCode: 400, param: 'expand' });
	});

	it('lists by price and status, and pages with cursors', async () => {
		const a = await subscribed();
		const b = await subscribed('4242424242424242', plan.yearly.id);
		const yearly = await emulator.stripe.subscriptions.list({ price: plan.yearly.id, limit: 100 });
		expect(yearly.data.map((s) => s.id)).toContain(b.subscription.id);
		expect(yearly.data.map((s) => s.id)).not.toContain(a.subscription.id);
		const active = await emulator.stripe.subscriptions.list({ status: 'active', limit: 1 });
		expect(active).toMatchObject({ has_more: true, data: [{ id: b.subscription.id }] });
		const next = await emulator.stripe.subscriptions.list({
			status: 'active',
			limit: 1,
			starting_after: b.subscription.id
		});
		expect(next.data[0].id).toBe(a.subscription.id);
	});

	it('answers 404 for an unknown subscription and refuses unknown parameters', async () => {
		expect(await failureOf(emulator.stripe.subscriptions.retrieve('sub_missing'))).toMatchObject({
			statusCode: 404,
			code: 'resource_missing'
		});
		const { subscription } = await subscribed();
		expect(
			await failureOf(
				emulator.stripe.subscriptions.update(subscription.id, { colour: 'red' } as never)
			)
		).toMatchObject({ code: 'parameter_unknown', param: 'colour' });
	});
});
