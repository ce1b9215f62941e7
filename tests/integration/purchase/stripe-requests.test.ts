import { startStripeMock, stripeClient } from '@storefront/local-stack';
import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkoutParams, hashNonce } from '../../../src/lib/server/checkout.ts';
import { membershipCheckoutParams, type PlanPrice } from '../../../src/lib/server/membership.ts';
import type { Product } from '../../../src/lib/types.ts';
import { stripe as emulator } from '../../support/stripe.ts';

/**
 * The requests the store itself makes to Stripe, built by the store's own code, checked against
 * Stripe's OpenAPI spec (stripe-mock) and the emulator: a parameter Stripe would refuse fails here.
 */
let mock: Stripe;
let stripeMock: Awaited<ReturnType<typeof startStripeMock>>;

const product: Product = {
	id: '5b0c4f0e-2f4d-4c4a-9a7e-0d7e1f2a3b4c',
	slug: 'sourdough-field-guide',
	title: 'The Sourdough Field Guide',
	summary: 'From a jar of flour and water to a loaf.',
	priceCents: 1200,
	currency: 'eur',
	cover: { src: '/covers/sourdough-field-guide.svg', width: 300, height: 400 },
	sample: ''
};

beforeAll(async () => {
	stripeMock = await startStripeMock();
	mock = stripeClient(stripeMock.url, 'sk_test_123');
});
afterAll(() => stripeMock?.stop());

describe("the store's Stripe requests", () => {
	const variants = {
		guest: checkoutParams(product, { origin: 'https://shop.test', nonceHash: hashNonce('n') }),
		'logged-in buyer': checkoutParams(product, {
			origin: 'https://shop.test',
			nonceHash: hashNonce('n'),
			email: 'buyer@example.test'
		}),
		'zero-decimal currency': checkoutParams(
			{ ...product, currency: 'jpy', priceCents: 1500, summary: '' },
			{ origin: 'https://shop.test', nonceHash: hashNonce('n') }
		)
	};

	for (const [name, params] of Object.entries(variants)) {
		it(`creates a Checkout Session that Stripe's spec accepts (${name})`, async () => {
			const checked = await mock.checkout.sessions.create(params);
			expect(checked.object).toBe('checkout.session');
			const created = await emulator.checkout.sessions.create(params);
			expect(created).toMatchObject({
				mode: 'payment',
				amount_total: params.line_items![0].price_data!.unit_amount,
				currency: params.line_items![0].price_data!.currency,
				metadata: params.metadata
			});
		});
	}

	describe('a membership', async () => {
		const recurring = await emulator.prices.create({
			currency: 'eur',
			unit_amount: 900,
			recurring: { interval: 'month' },
			product_data: { name: 'Membership' }
		});
		const price: PlanPrice = {
			id: '9d3f6a1e-1c2b-4d5e-8f70-112233445566',
			planId: '0f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9',
			interval: 'month',
			currency: 'eur',
			unitAmount: 900,
			trialDays: 14,
			stripePriceId: recurring.id
		};
		const customer = await emulator.customers.create({ email: 'member@example.test' });
		const at = { origin: 'https://shop.test', nonceHash: hashNonce('n') };
		const memberships = {
			'a guest, with a trial': membershipCheckoutParams(price, at),
			'a signed-in buyer without a Stripe customer yet': membershipCheckoutParams(
				{ ...price, trialDays: 0 },
				{ ...at, email: 'member@example.test' }
			),
			'a signed-in buyer with their Stripe customer': membershipCheckoutParams(price, {
				...at,
				customer: customer.id
			})
		};
		for (const [name, params] of Object.entries(memberships)) {
			it(`creates a subscription Checkout Session that Stripe's spec accepts (${name})`, async () => {
				expect((await mock.checkout.sessions.create(params)).object).toBe('checkout.session');
				const created = await emulator.checkout.sessions.create(params);
				expect(created).toMatchObject({ mode: 'subscription', metadata: params.metadata });
				expect(created.customer ?? null).toBe(params.customer ?? null);
			});
		}
		it('opens the customer portal with a return URL to the store', async () => {
			const params = { customer: customer.id, return_url: 'https://shop.test/account' };
			expect((await mock.billingPortal.sessions.create(params)).object).toBe(
				'billing_portal.session'
			);
			const created = await emulator.billingPortal.sessions.create(params);
			expect(created).toMatchObject({ customer: customer.id, return_url: params.return_url });
		});
	});

	it('retrieves a Checkout Session as the return handler does', async () => {
		const created = await emulator.checkout.sessions.create(variants.guest);
		const mockSession = await mock.checkout.sessions.create(variants.guest);
		await expect(mock.checkout.sessions.retrieve(mockSession.id)).resolves.toMatchObject({
			object: 'checkout.session'
		});
		await expect(emulator.checkout.sessions.retrieve(created.id)).resolves.toMatchObject({
			id: created.id,
			status: 'open'
		});
	});

	it('is refused by the spec when a parameter is wrong (the check can fail)', async () => {
		await expect(
			mock.checkout.sessions.create({ ...variants.guest, mode: 'rent' as never })
		).rejects.toThrow(Stripe.errors.StripeInvalidRequestError);
	});
});
