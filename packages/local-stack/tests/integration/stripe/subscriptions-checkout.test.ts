import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	advance,
	billingSetup,
	CLOCK_START,
	clockedCustomer,
	DAY,
	latestEventId,
	type Plan,
	submitCheckout,
	subscriptionSession,
	typesSince
} from './billing-support.ts';
import { eventually, failureOf, SUCCESS_URL, type TestEmulator } from './support.ts';

let emulator: TestEmulator;
let plan: Plan;

beforeAll(async () => ({ emulator, plan } = await billingSetup({ asyncSettleMs: 50 })));
afterAll(() => emulator?.cleanUp());

describe('Checkout in subscription mode', () => {
	it('subscribes with 4242: customer, subscription, paid first invoice, events in the order Stripe makes them', async () => {
		const before = await latestEventId(emulator);
		const session = await subscriptionSession(emulator.stripe, plan.monthly.id, {
			subscription_data: { metadata: { member: 'm-1' } }
		});
		expect(session).toMatchObject({ mode: 'subscription', amount_total: 900, customer: null });
		const result = await submitCheckout(session.url!, '4242424242424242', 'ada@example.com');
		expect(result).toMatchObject({
			status: 303,
			location: SUCCESS_URL.replace('{CHECKOUT_SESSION_ID}', session.id)
		});
		const done = await emulator.stripe.checkout.sessions.retrieve(session.id, {
			expand: ['subscription', 'customer']
		});
		expect(done).toMatchObject({ status: 'complete', payment_status: 'paid' });
		const customer = done.customer as Stripe.Customer;
		expect(customer.email).toBe('ada@example.com');
		const subscription = done.subscription as Stripe.Subscription;
		expect(subscription).toMatchObject({
			status: 'active',
			customer: customer.id,
			metadata: { member: 'm-1' },
			cancel_at_period_end: false,
			latest_invoice: done.invoice
		});
		const item = subscription.items.data[0];
		expect(item.price.id).toBe(plan.monthly.id);
		expect(item.current_period_end).toBeGreaterThan(item.current_period_start);
		expect(subscription.default_payment_method).toMatch(/^pm_/);
		const invoice = await emulator.stripe.invoices.retrieve(String(done.invoice), {
			expand: ['payments']
		});
		expect(invoice).toMatchObject({
			status: 'paid',
			amount_due: 900,
			amount_paid: 900,
			billing_reason: 'subscription_create',
			customer: customer.id,
			parent: { subscription_details: { subscription: subscription.id } }
		});
		expect(invoice.number).toMatch(/^[0-9A-F]{8}-0001$/);
		expect(invoice.hosted_invoice_url).toMatch(new RegExp(`^${emulator.url}/i/`));
		expect(invoice.payments?.data[0]).toMatchObject({ status: 'paid', amount_paid: 900 });
		expect(await typesSince(emulator, before)).toEqual([
			'customer.created',
			'payment_method.attached',
			'customer.subscription.created',
			'invoice.created',
			'invoice.finalized',
			'payment_intent.created',
			'charge.succeeded',
			'payment_intent.succeeded',
			'invoice.paid',
			'invoice.payment_succeeded',
			'invoice_payment.paid',
			'customer.subscription.updated',
			'checkout.session.completed'
		]);
		const updated = (
			await emulator.stripe.events.list({ type: 'customer.subscription.updated', limit: 1 })
		).data[0];
		expect(updated.data.previous_attributes).toMatchObject({ status: 'incomplete' });
	});

	it('starts a trial with nothing to pay: trialing, a $0 invoice, no_payment_required, "Start trial" on the page', async () => {
		const session = await subscriptionSession(emulator.stripe, plan.monthly.id, {
			customer_email: 'trial@example.com',
			subscription_data: { trial_period_days: 14 }
		});
		expect(session.amount_total).toBe(0);
		const page = await (await fetch(session.url!)).text();
		expect(page).toContain('Start trial');
		expect(page).toContain('14 days free');
		expect(page).toContain('Then $9.00 per month');
		await submitCheckout(session.url!, '4242424242424242', 'ignored@example.com');
		const done = await emulator.stripe.checkout.sessions.retrieve(session.id, {
			expand: ['subscription']
		});
		expect(done.payment_status).toBe('no_payment_required');
		expect(done.customer_details?.email).toBe('trial@example.com');
		const subscription = done.subscription as Stripe.Subscription;
		expect(subscription.status).toBe('trialing');
		expect(subscription.trial_end! - subscription.trial_start!).toBe(14 * DAY);
		expect(subscription.items.data[0].current_period_end).toBe(subscription.trial_end);
		const invoice = await emulator.stripe.invoices.retrieve(String(done.invoice));
		expect(invoice).toMatchObject({ status: 'paid', amount_due: 0, total: 0 });
	});

	it('says "Subscribe" on the page, reuses a given customer and fixes its email', async () => {
		const customer = await emulator.stripe.customers.create({ email: 'known@example.com' });
		const session = await subscriptionSession(emulator.stripe, plan.yearly.id, {
			customer: customer.id
		});
		const page = await (await fetch(session.url!)).text();
		expect(page).toContain('>Subscribe<');
		expect(page).toContain('$90.00 per year');
		expect(page).toMatch(/value="known@example.com" readonly/);
		await submitCheckout(session.url!, '5555555555554444', 'other@example.com');
		const done = await emulator.stripe.checkout.sessions.retrieve(session.id);
		expect(done.customer).toBe(customer.id);
		expect(done.customer_details?.email).toBe('known@example.com');
		const customers = await emulator.stripe.customers.list({ email: 'known@example.com' });
		expect(customers.data).toHaveLength(1);
	});

	it('refuses what Stripe refuses: recurring prices in payment mode, one-time prices in subscription mode, customer with customer_email, inactive prices', async () => {
		const payment = await failureOf(
			emulator.stripe.checkout.sessions.create({
				mode: 'payment',
				line_items: [{ price: plan.monthly.id, quantity: 1 }],
				success_url: SUCCESS_URL
			})
		);
		expect(payment).toMatchObject({ statusCode: 400, param: 'line_items' });
		const oneTime = await emulator.stripe.prices.create({
			product: plan.product.id,
			currency: 'usd',
			unit_amount: 500
		});
		expect(await failureOf(subscriptionSession(emulator.stripe, oneTime.id))).toMatchObject({
			param: 'line_items'
		});
		const customer = await emulator.stripe.customers.create({ email: 'x@example.com' });
		expect(
			await failureOf(
				subscriptionSession(emulator.stripe, plan.monthly.id, {
					customer: customer.id,
					customer_email: 'x@example.com'
				})
			)
		).toMatchObject({ param: 'customer_email' });
		const archived = await emulator.stripe.prices.create({
			product: plan.product.id,
			currency: 'usd',
			unit_amount: 100,
			recurring: { interval: 'month' },
			active: false
		});
		expect(await failureOf(subscriptionSession(emulator.stripe, archived.id))).toMatchObject({
			param: 'line_items[0][price]'
		});
		expect(await failureOf(subscriptionSession(emulator.stripe, 'price_missing'))).toMatchObject({
			statusCode: 404,
			code: 'resource_missing'
		});
	});

	it('declines a card that cannot be saved (0002) and creates nothing', async () => {
		const session = await subscriptionSession(emulator.stripe, plan.monthly.id);
		const customersBefore = (await emulator.stripe.customers.list({ limit: 100 })).data.length;
		const result = await submitCheckout(session.url!, '4000000000000002');
		expect(result).toMatchObject({ status: 402, alert: 'Your card was declined.' });
		expect((await emulator.stripe.checkout.sessions.retrieve(session.id)).status).toBe('open');
		expect((await emulator.stripe.customers.list({ limit: 100 })).data.length).toBe(
			customersBefore
		);
	});

	it('with 0077 completes unpaid while the subscription is incomplete, then activates it when the payment settles', async () => {
		const session = await subscriptionSession(emulator.stripe, plan.monthly.id);
		await submitCheckout(session.url!, '4000000000000077');
		const done = await emulator.stripe.checkout.sessions.retrieve(session.id);
		expect(done.payment_status).toBe('unpaid');
		const subscription = await emulator.stripe.subscriptions.retrieve(String(done.subscription));
		expect(subscription.status).toBe('incomplete');
		await eventually(async () =>
			(await emulator.stripe.subscriptions.retrieve(subscription.id)).status === 'active'
				? true
				: undefined
		);
		expect((await emulator.stripe.checkout.sessions.retrieve(session.id)).payment_status).toBe(
			'paid'
		);
		const settled = await emulator.stripe.events.list({
			type: 'checkout.session.async_payment_succeeded',
			limit: 1
		});
		expect((settled.data[0].data.object as Stripe.Checkout.Session).id).toBe(session.id);
	});

	it('with 0341 the first payment fails later: incomplete, then incomplete_expired after 23 hours with its invoice voided', async () => {
		const { clock, customer } = await clockedCustomer(emulator.stripe, 'late@example.com');
		const session = await subscriptionSession(emulator.stripe, plan.monthly.id, {
			customer: customer.id
		});
		await submitCheckout(session.url!, '4000000000000341');
		const done = await emulator.stripe.checkout.sessions.retrieve(session.id);
		const id = String(done.subscription);
		await eventually(
			async () =>
				(
					await emulator.stripe.events.list({ type: 'checkout.session.async_payment_failed' })
				).data.some((e) => (e.data.object as Stripe.Checkout.Session).id === session.id) ||
				undefined
		);
		const incomplete = await emulator.stripe.subscriptions.retrieve(id);
		expect(incomplete).toMatchObject({ status: 'incomplete', created: CLOCK_START });
		await advance(emulator.stripe, clock.id, CLOCK_START + 22 * 3600);
		expect((await emulator.stripe.subscriptions.retrieve(id)).status).toBe('incomplete');
		await advance(emulator.stripe, clock.id, CLOCK_START + 24 * 3600);
		const expired = await emulator.stripe.subscriptions.retrieve(id);
		expect(expired).toMatchObject({
			status: 'incomplete_expired',
			ended_at: CLOCK_START + 23 * 3600
		});
		expect((await emulator.stripe.invoices.retrieve(String(done.invoice))).status).toBe('void');
	});
});
