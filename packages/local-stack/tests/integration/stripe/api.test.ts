import { rmSync } from 'node:fs';
import path from 'node:path';
import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStripeEmulator } from '../../../src/stripe/server.ts';
import {
	createSession,
	failureOf,
	SECRET_KEY,
	startEmulator,
	stripeClient,
	SUCCESS_URL,
	type TestEmulator
} from './support.ts';

let emulator: TestEmulator;

beforeAll(async () => {
	emulator = await startEmulator();
});
afterAll(() => emulator?.cleanUp());

describe('Checkout Sessions through the official SDK', () => {
	it('creates a session with everything the store sends and retrieves it with expansions', async () => {
		const session = await createSession(emulator.stripe, {
			customer_email: 'reader@example.com',
			client_reference_id: 'user-42',
			payment_intent_data: { metadata: { product_id: 'prod-local-1' } }
		});
		expect(session).toMatchObject({
			object: 'checkout.session',
			mode: 'payment',
			status: 'open',
			payment_status: 'unpaid',
			amount_total: 1999,
			currency: 'usd',
			customer_email: 'reader@example.com',
			client_reference_id: 'user-42',
			metadata: { product_id: 'prod-local-1' },
			success_url: SUCCESS_URL,
			payment_intent: null
		});
		expect(session.id).toMatch(/^cs_test_/);
		expect(session.url).toBe(`${emulator.url}/c/pay/${session.id}`);
		expect(session.lastResponse.requestId).toMatch(/^req_/);
		const retrieved = await emulator.stripe.checkout.sessions.retrieve(session.id, {
			expand: ['line_items']
		});
		expect(retrieved.line_items?.data).toMatchObject([
			{
				description: 'The Field Guide',
				quantity: 1,
				amount_total: 1999,
				price: { unit_amount: 1999, currency: 'usd' }
			}
		]);
		const items = await emulator.stripe.checkout.sessions.listLineItems(session.id);
		expect(items.data).toHaveLength(1);
	});

	it('gives StripeInvalidRequestError with the param for invalid parameters', async () => {
		const badAmount = await failureOf(
			createSession(emulator.stripe, {
				line_items: [
					{
						quantity: 1,
						price_data: {
							currency: 'usd',
							unit_amount: 'ten' as never,
							product_data: { name: 'x' }
						}
					}
				]
			})
		);
		expect(badAmount).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
		expect(badAmount).toMatchObject({
			statusCode: 400,
			param: 'line_items[0][price_data][unit_amount]',
			code: 'parameter_invalid_integer'
		});
		const missing = await failureOf(
			emulator.stripe.checkout.sessions.create({ success_url: SUCCESS_URL } as never)
		);
		expect(missing).toMatchObject({
			type: 'StripeInvalidRequestError',
			param: 'mode',
			message: 'Missing required param: mode.'
		});
		const unknown = await failureOf(createSession(emulator.stripe, { colour: 'red' } as never));
		expect(unknown).toMatchObject({
			param: 'colour',
			message: 'Received unknown parameter: colour'
		});
		const mode = await failureOf(createSession(emulator.stripe, { mode: 'rental' as never }));
		expect(mode).toMatchObject({ param: 'mode', statusCode: 400 });
		const notFound = await failureOf(emulator.stripe.checkout.sessions.retrieve('cs_test_nope'));
		expect(notFound).toMatchObject({
			statusCode: 404,
			code: 'resource_missing',
			type: 'StripeInvalidRequestError'
		});
	});

	it('returns the first session for an idempotent retry and refuses the key with other parameters', async () => {
		const first = await createSession(emulator.stripe, {}, { idempotencyKey: 'order-1' });
		const retry = await createSession(emulator.stripe, {}, { idempotencyKey: 'order-1' });
		expect(retry.id).toBe(first.id);
		expect(retry.lastResponse.headers['idempotent-replayed']).toBe('true');
		const other = await failureOf(
			createSession(
				emulator.stripe,
				{ client_reference_id: 'someone-else' },
				{ idempotencyKey: 'order-1' }
			)
		);
		expect(other).toBeInstanceOf(Stripe.errors.StripeIdempotencyError);
		const fresh = await createSession(emulator.stripe, {}, { idempotencyKey: 'order-2' });
		expect(fresh.id).not.toBe(first.id);
	});

	it('refuses a wrong key with 401 authentication_error', async () => {
		const wrong = await failureOf(
			stripeClient(emulator.url, 'sk_test_not_the_key').checkout.sessions.list()
		);
		expect(wrong).toBeInstanceOf(Stripe.errors.StripeAuthenticationError);
		expect(wrong.statusCode).toBe(401);
		expect(wrong.raw).toMatchObject({ type: 'authentication_error' });
	});

	it('lists newest first with limit, cursors, has_more and created/status filters', async () => {
		const ids = [];
		for (let i = 0; i < 3; i++)
			ids.push((await createSession(emulator.stripe, { client_reference_id: 'list-test' })).id);
		const page1 = await emulator.stripe.checkout.sessions.list({ limit: 2 });
		expect(page1.data.map((s) => s.id)).toEqual([ids[2], ids[1]]);
		expect(page1.has_more).toBe(true);
		const page2 = await emulator.stripe.checkout.sessions.list({
			limit: 2,
			starting_after: ids[1]
		});
		expect(page2.data[0].id).toBe(ids[0]);
		const back = await emulator.stripe.checkout.sessions.list({ limit: 1, ending_before: ids[1] });
		expect(back.data.map((s) => s.id)).toEqual([ids[2]]);
		const created = (await emulator.stripe.checkout.sessions.retrieve(ids[0])).created;
		const future = await emulator.stripe.checkout.sessions.list({
			created: { gte: created + 3600 }
		});
		expect(future.data).toEqual([]);
		const recent = await emulator.stripe.checkout.sessions.list({
			created: { gte: created },
			limit: 100
		});
		expect(recent.data.map((s) => s.id)).toEqual(expect.arrayContaining(ids));
		await emulator.stripe.checkout.sessions.expire(ids[0]);
		const expired = await emulator.stripe.checkout.sessions.list({ status: 'expired', limit: 100 });
		expect(expired.data.map((s) => s.id)).toContain(ids[0]);
		expect(expired.data.every((s) => s.status === 'expired')).toBe(true);
		const all = [];
		for await (const session of emulator.stripe.checkout.sessions.list({ limit: 2 }))
			all.push(session.id);
		expect(all).toEqual(expect.arrayContaining(ids));
	});

	it('expires an open session once and refuses to expire it again', async () => {
		const session = await createSession(emulator.stripe);
		const expired = await emulator.stripe.checkout.sessions.expire(session.id);
		expect(expired).toMatchObject({ status: 'expired', url: null });
		const again = await failureOf(emulator.stripe.checkout.sessions.expire(session.id));
		expect(again).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
		const events = await emulator.stripe.events.list({ type: 'checkout.session.expired' });
		expect(
			events.data.some((e) => (e.data.object as Stripe.Checkout.Session).id === session.id)
		).toBe(true);
	});

	it('keeps sessions across a restart (state file)', async () => {
		const session = await createSession(emulator.stripe);
		await emulator.close();
		const restarted = await startStripeEmulator({
			port: 0,
			stateFile: emulator.stateFile,
			apiKey: SECRET_KEY
		});
		try {
			const again = await stripeClient(restarted.url).checkout.sessions.retrieve(session.id);
			expect(again).toMatchObject({ id: session.id, status: 'open', amount_total: 1999 });
		} finally {
			await restarted.close();
			rmSync(path.dirname(emulator.stateFile), { recursive: true, force: true });
			emulator = await startEmulator();
		}
	});
});
