import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiRoutes } from '../../../src/stripe/routes/index.ts';
import { startStripeMock } from '../../../src/testing/stripe-mock.ts';
import { emulatorIds, MOCK_IDS } from './stripe-mock-fixtures.ts';
import { requests } from './stripe-mock-requests.ts';
import { startEmulator, stripeClient, SUCCESS_URL, type TestEmulator } from './support.ts';

/**
 * Every kind of request the emulator answers is also sent to stripe-mock, which checks it against
 * Stripe's OpenAPI spec: a parameter real Stripe would refuse fails here even if the emulator took it.
 */
let emulator: TestEmulator;
let mock: Stripe;
let stripeMock: Awaited<ReturnType<typeof startStripeMock>>;
let ids: Record<string, string> = {};

beforeAll(async () => {
	emulator = await startEmulator();
	stripeMock = await startStripeMock();
	mock = stripeClient(stripeMock.url, 'sk_test_123');
	ids = await emulatorIds(emulator);
}, 60_000);

afterAll(async () => {
	await emulator?.cleanUp();
	stripeMock?.stop();
});

/** Keys the pinned SDK's types require that stripe-mock v0.203's older spec does not return yet. */
const newerThanStripeMock: Record<string, string[]> = {
	'checkout.session': ['allowed_payment_method_types'],
	payment_intent: ['payment_record', 'source'],
	charge: ['source'],
	dispute: ['intended_submission_method'],
	product: ['tax_details', 'type']
};

const keysOf = (value: unknown) =>
	Object.keys(value as object)
		.filter((k) => k !== 'lastResponse')
		.sort();

describe('stripe-mock: Stripe spec check', () => {
	it('has a stripe-mock request for every endpoint the emulator serves', () => {
		const covered = new Set(Object.keys(requests).map((name) => name.replace(/ \(.*\)$/, '')));
		expect([...covered].sort()).toEqual(apiRoutes.map((r) => `${r.method} ${r.path}`).sort());
	});

	for (const [name, call] of Object.entries(requests)) {
		it(`${name}: accepted by stripe-mock and the emulator, with the same top-level keys`, async () => {
			const fromMock = (await call(mock, MOCK_IDS)) as {
				object: string;
				data?: { object: string }[];
			};
			const fromEmulator = (await call(emulator.stripe, ids)) as typeof fromMock;
			expect(fromEmulator.object).toBe(fromMock.object);
			const pairs =
				fromMock.object === 'list'
					? [[fromMock.data?.[0], fromEmulator.data?.[0]]]
					: [[fromMock, fromEmulator]];
			for (const [mockObject, emulatorObject] of pairs) {
				if (!mockObject || !emulatorObject) continue;
				const allowed = newerThanStripeMock[mockObject.object] ?? [];
				expect(keysOf(emulatorObject).filter((k) => !allowed.includes(k))).toEqual(
					keysOf(mockObject)
				);
			}
		});
	}

	it('is strict: stripe-mock refuses what real Stripe refuses', async () => {
		const refused = await mock.checkout.sessions
			.create({ mode: 'payment', success_url: SUCCESS_URL, colour: 'red' } as never)
			.catch((e: unknown) => e);
		expect(refused).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
	});
});
