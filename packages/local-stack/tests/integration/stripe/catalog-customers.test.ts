import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	createSession,
	failureOf,
	startEmulator,
	SUCCESS_URL,
	type TestEmulator
} from './support.ts';
import { submitCheckout } from './billing-support.ts';

let emulator: TestEmulator;

beforeAll(async () => {
	emulator = await startEmulator();
});
afterAll(() => emulator?.cleanUp());

describe('customers', () => {
	it('creates, retrieves, updates (customer.updated with previous_attributes) and lists by email', async () => {
		const created = await emulator.stripe.customers.create({
			email: 'grace@example.com',
			name: 'Grace',
			metadata: { user_id: 'u-1' }
		});
		expect(created).toMatchObject({
			object: 'customer',
			email: 'grace@example.com',
			test_clock: null,
			invoice_settings: { default_payment_method: null }
		});
		expect(created.id).toMatch(/^cus_/);
		const updated = await emulator.stripe.customers.update(created.id, {
			name: 'Grace Hopper',
			metadata: { plan: 'gold' }
		});
		expect(updated).toMatchObject({
			name: 'Grace Hopper',
			metadata: { user_id: 'u-1', plan: 'gold' }
		});
		const event = (await emulator.stripe.events.list({ type: 'customer.updated', limit: 1 }))
			.data[0];
		expect(event.data.previous_attributes).toEqual({ name: 'Grace', metadata: { user_id: 'u-1' } });
		await emulator.stripe.customers.create({ email: 'someone@example.com' });
		const found = await emulator.stripe.customers.list({ email: 'grace@example.com' });
		expect(found.data.map((c) => c.id)).toEqual([created.id]);
		expect((await emulator.stripe.customers.retrieve(created.id)).id).toBe(created.id);
	});

	it('returns the first customer again for the same Idempotency-Key and refuses it with other parameters', async () => {
		const first = await emulator.stripe.customers.create(
			{ email: 'once@example.com' },
			{ idempotencyKey: 'customer-once' }
		);
		const again = await emulator.stripe.customers.create(
			{ email: 'once@example.com' },
			{ idempotencyKey: 'customer-once' }
		);
		expect(again.id).toBe(first.id);
		expect(
			await failureOf(
				emulator.stripe.customers.create(
					{ email: 'twice@example.com' },
					{ idempotencyKey: 'customer-once' }
				)
			)
		).toBeInstanceOf(Stripe.errors.StripeIdempotencyError);
	});

	it('refuses an unknown test clock, a card of someone else as default, and unknown parameters', async () => {
		expect(
			await failureOf(emulator.stripe.customers.create({ test_clock: 'clock_missing' }))
		).toMatchObject({ statusCode: 404, param: 'test_clock' });
		const a = await emulator.stripe.customers.create({});
		const b = await emulator.stripe.customers.create({});
		const card = await emulator.stripe.paymentMethods.attach('pm_card_visa', { customer: b.id });
		expect(
			await failureOf(
				emulator.stripe.customers.update(a.id, {
					name: 'Mallory',
					invoice_settings: { default_payment_method: card.id }
				})
			)
		).toMatchObject({ param: 'invoice_settings[default_payment_method]' });
		expect((await emulator.stripe.customers.retrieve(a.id)) as Stripe.Customer).toMatchObject({
			name: null,
			invoice_settings: { default_payment_method: null }
		});
		expect(
			await failureOf(emulator.stripe.customers.create({ colour: 'red' } as never))
		).toMatchObject({ code: 'parameter_unknown' });
	});

	it('makes a customer in payment mode with customer_creation=always, and charges a given customer', async () => {
		const session = await createSession(emulator.stripe, { customer_creation: 'always' });
		await submitCheckout(session.url!, '4242424242424242', 'buyer@example.com');
		const paid = await emulator.stripe.checkout.sessions.retrieve(session.id, {
			expand: ['customer', 'payment_intent']
		});
		expect((paid.customer as Stripe.Customer).email).toBe('buyer@example.com');
		expect((paid.payment_intent as Stripe.PaymentIntent).customer).toBe(
			(paid.customer as Stripe.Customer).id
		);
		const known = await emulator.stripe.customers.create({ email: 'known@example.com' });
		const reuse = await createSession(emulator.stripe, { customer: known.id });
		await submitCheckout(reuse.url!, '4242424242424242');
		const charges = await emulator.stripe.charges.list({ customer: known.id });
		expect(charges.data).toHaveLength(1);
		const byCustomer = await emulator.stripe.checkout.sessions.list({ customer: known.id });
		expect(byCustomer.data.map((s) => s.id)).toEqual([reuse.id]);
		expect(
			await failureOf(
				emulator.stripe.checkout.sessions.create({
					mode: 'subscription',
					customer_creation: 'always',
					line_items: [{ price: 'price_x', quantity: 1 }],
					success_url: SUCCESS_URL
				})
			)
		).toMatchObject({ param: 'customer_creation' });
	});
});

describe('products and prices', () => {
	it('creates a product with monthly and yearly prices, lists them by product, type and active, and archives', async () => {
		const product = await emulator.stripe.products.create({ name: 'Club', description: 'Members' });
		expect(product).toMatchObject({ object: 'product', active: true, name: 'Club' });
		const monthly = await emulator.stripe.prices.create({
			product: product.id,
			currency: 'eur',
			unit_amount: 500,
			recurring: { interval: 'month' },
			lookup_key: 'club_monthly'
		});
		expect(monthly).toMatchObject({
			type: 'recurring',
			recurring: { interval: 'month', interval_count: 1, usage_type: 'licensed' },
			unit_amount: 500,
			currency: 'eur',
			lookup_key: 'club_monthly',
			active: true
		});
		const yearly = await emulator.stripe.prices.create({
			product: product.id,
			currency: 'eur',
			unit_amount: 5000,
			recurring: { interval: 'year' }
		});
		const once = await emulator.stripe.prices.create({
			product: product.id,
			currency: 'eur',
			unit_amount: 1500
		});
		const ofProduct = await emulator.stripe.prices.list({ product: product.id });
		expect(ofProduct.data.map((p) => p.id)).toEqual([once.id, yearly.id, monthly.id]);
		const recurring = await emulator.stripe.prices.list({ product: product.id, type: 'recurring' });
		expect(recurring.data.map((p) => p.id)).toEqual([yearly.id, monthly.id]);
		const byKey = await emulator.stripe.prices.list({ lookup_keys: ['club_monthly'] });
		expect(byKey.data.map((p) => p.id)).toEqual([monthly.id]);
		const archived = await emulator.stripe.prices.update(yearly.id, { active: false });
		expect(archived.active).toBe(false);
		const active = await emulator.stripe.prices.list({ product: product.id, active: true });
		expect(active.data.map((p) => p.id)).toEqual([once.id, monthly.id]);
		const withDefault = await emulator.stripe.products.update(product.id, {
			default_price: monthly.id,
			description: ''
		});
		expect(withDefault).toMatchObject({ default_price: monthly.id, description: null });
		const archivedProduct = await emulator.stripe.products.update(product.id, { active: false });
		expect(archivedProduct.active).toBe(false);
		const inactive = await emulator.stripe.products.list({ active: false, limit: 100 });
		expect(inactive.data.map((p) => p.id)).toContain(product.id);
		const events = await emulator.stripe.events.list({ type: 'price.updated', limit: 1 });
		expect(events.data[0].data.previous_attributes).toEqual({ active: true });
	});

	it('keeps a lookup key on one price: taken only with transfer_lookup_key', async () => {
		const product = await emulator.stripe.products.create({ name: 'Keys' });
		const make = (transfer?: boolean) =>
			emulator.stripe.prices.create({
				product: product.id,
				currency: 'usd',
				unit_amount: 100,
				lookup_key: 'keys_key',
				...(transfer ? { transfer_lookup_key: true } : {})
			});
		const first = await make();
		expect(await failureOf(make())).toMatchObject({ param: 'lookup_key' });
		const second = await make(true);
		expect((await emulator.stripe.prices.retrieve(first.id)).lookup_key).toBeNull();
		expect(second.lookup_key).toBe('keys_key');
	});

	it('refuses a price without a product, for an unknown product, or with a bad interval', async () => {
		expect(
			await failureOf(emulator.stripe.prices.create({ currency: 'usd', unit_amount: 1 }))
		).toMatchObject({ statusCode: 400 });
		expect(
			await failureOf(
				emulator.stripe.prices.create({ product: 'prod_missing', currency: 'usd', unit_amount: 1 })
			)
		).toMatchObject({ statusCode: 404 });
		expect(
			await failureOf(
				emulator.stripe.prices.create({
					product_data: { name: 'x' },
					currency: 'usd',
					unit_amount: 1,
					recurring: { interval: 'fortnight' as never }
				})
			)
		).toMatchObject({ param: 'recurring[interval]' });
	});
});
