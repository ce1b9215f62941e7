import type { Browser } from '@playwright/test';
import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiRoutes } from '../../../src/stripe/api.ts';
import { launchChromium } from '../../../src/testing/browser.ts';
import { startStripeMock } from '../../../src/testing/stripe-mock.ts';
import {
	createSession,
	payInBrowser,
	startEmulator,
	stripeClient,
	SUCCESS_URL,
	type TestEmulator
} from './support.ts';

/**
 * Every kind of request the emulator answers is also sent to stripe-mock, which checks it against
 * Stripe's OpenAPI spec: a parameter real Stripe would refuse fails here even if the emulator took it.
 */
let emulator: TestEmulator;
let mock: Stripe;
let stripeMock: Awaited<ReturnType<typeof startStripeMock>>;
let browser: Browser;
const ids: Record<string, string> = {};

beforeAll(async () => {
	emulator = await startEmulator();
	stripeMock = await startStripeMock();
	mock = stripeClient(stripeMock.url, 'sk_test_123');
	browser = await launchChromium();
	const session = await createSession(emulator.stripe);
	await payInBrowser(browser, session.url!, '4242424242424242');
	const paid = await emulator.stripe.checkout.sessions.retrieve(session.id);
	const intent = await emulator.stripe.paymentIntents.retrieve(String(paid.payment_intent));
	const refund = await emulator.stripe.refunds.create({
		charge: String(intent.latest_charge),
		amount: 100
	});
	const dispute = await emulator.control(`charges/${intent.latest_charge}/dispute`);
	const event = (await emulator.stripe.events.list({ limit: 1 })).data[0];
	Object.assign(ids, {
		session: session.id,
		intent: intent.id,
		charge: String(intent.latest_charge),
		refund: refund.id,
		dispute: dispute.id,
		event: event.id
	});
}, 60_000);

afterAll(async () => {
	await browser?.close();
	await emulator?.cleanUp();
	stripeMock?.stop();
});

type Call = (stripe: Stripe, ids: Record<string, string>) => Promise<unknown>;

/** One request per emulated endpoint, with the parameters the store and the contract tests use. */
const requests: Record<string, Call> = {
	'POST /v1/checkout/sessions': (s) =>
		createSession(s, {
			customer_email: 'reader@example.com',
			client_reference_id: 'user-42',
			expires_at: Math.floor(Date.now() / 1000) + 3600,
			payment_intent_data: { metadata: { product_id: 'prod-local-1' } },
			metadata: { product_id: 'prod-local-1', nonce_hash: 'abc' }
		}),
	'GET /v1/checkout/sessions/:id': (s, i) =>
		s.checkout.sessions.retrieve(i.session, { expand: ['line_items', 'payment_intent'] }),
	'GET /v1/checkout/sessions/:id/line_items': (s, i) =>
		s.checkout.sessions.listLineItems(i.session, { limit: 5 }),
	'GET /v1/checkout/sessions': (s, i) =>
		s.checkout.sessions.list({
			payment_intent: i.intent,
			status: 'complete',
			created: { gte: 1 },
			limit: 3,
			starting_after: i.session
		}),
	'POST /v1/checkout/sessions/:id/expire': async (s) =>
		s.checkout.sessions.expire((await createSession(s)).id),
	'GET /v1/payment_intents/:id': (s, i) =>
		s.paymentIntents.retrieve(i.intent, { expand: ['latest_charge'] }),
	'GET /v1/payment_intents': (s) =>
		s.paymentIntents.list({ limit: 2, created: { lt: 4102444800 } }),
	'GET /v1/charges/:id': (s, i) => s.charges.retrieve(i.charge),
	'GET /v1/charges': (s, i) => s.charges.list({ payment_intent: i.intent, limit: 2 }),
	'GET /v1/disputes/:id': (s, i) => s.disputes.retrieve(i.dispute),
	'GET /v1/disputes': (s, i) => s.disputes.list({ charge: i.charge, limit: 2 }),
	'POST /v1/refunds': (s, i) =>
		s.refunds.create({
			charge: i.charge,
			amount: 100,
			reason: 'requested_by_customer',
			metadata: { order: '1' }
		}),
	'GET /v1/refunds/:id': (s, i) => s.refunds.retrieve(i.refund),
	'GET /v1/refunds': (s, i) => s.refunds.list({ charge: i.charge, limit: 2 }),
	'GET /v1/events/:id': (s, i) => s.events.retrieve(i.event),
	'GET /v1/events': (s) =>
		s.events.list({ type: 'checkout.session.completed', created: { gte: 1 }, limit: 5 })
};

/** Keys the pinned SDK's types require that stripe-mock v0.203's older spec does not return yet. */
const newerThanStripeMock: Record<string, string[]> = {
	'checkout.session': ['allowed_payment_method_types'],
	payment_intent: ['payment_record', 'source'],
	charge: ['source'],
	dispute: ['intended_submission_method']
};

const keysOf = (value: unknown) =>
	Object.keys(value as object)
		.filter((k) => k !== 'lastResponse')
		.sort();

describe('stripe-mock: Stripe spec check', () => {
	it('has a stripe-mock request for every endpoint the emulator serves', () => {
		expect(Object.keys(requests).sort()).toEqual(
			apiRoutes.map((r) => `${r.method} ${r.path}`).sort()
		);
	});

	for (const [name, call] of Object.entries(requests)) {
		it(`${name}: accepted by stripe-mock and the emulator, with the same top-level keys`, async () => {
			const fromMock = (await call(mock, {
				session: 'cs_test_mock',
				intent: 'pi_mock',
				charge: 'ch_mock',
				refund: 're_mock',
				dispute: 'du_mock',
				event: 'evt_mock'
			})) as { object: string; data?: { object: string }[] };
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
