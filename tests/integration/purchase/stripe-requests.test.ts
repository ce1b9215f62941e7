import { startStripeMock, stripeClient } from '@storefront/local-stack';
import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkoutParams, hashNonce } from '../../../src/lib/server/checkout.ts';
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
