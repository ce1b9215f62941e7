import type Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	createSession,
	eventually,
	freePort,
	startEmulator,
	startReceiver,
	WEBHOOK_SECRET,
	type TestEmulator
} from './support.ts';

let emulator: TestEmulator;
let receiver: Awaited<ReturnType<typeof startReceiver>>;

beforeAll(async () => {
	receiver = await startReceiver();
	emulator = await startEmulator({
		webhooks: { endpoints: [{ url: receiver.url, secret: WEBHOOK_SECRET }], retryFactor: 0.0005 }
	});
});
afterAll(async () => {
	await emulator?.cleanUp();
	await receiver?.close();
});

describe('events for reconciliation', () => {
	it('pages through more than 1,000 events, newest first, and filters by types[] and created', async () => {
		const start = Math.floor(Date.now() / 1000);
		const ids = new Set<string>();
		for (let batch = 0; batch < 21; batch++)
			await Promise.all(
				Array.from({ length: 50 }, (_, i) =>
					emulator.stripe.customers
						.create({ email: `r${batch}-${i}@example.com` })
						.then((c) => ids.add(c.id))
				)
			);
		const seen: Stripe.Event[] = [];
		for await (const event of emulator.stripe.events.list({
			types: ['customer.created'],
			created: { gte: start },
			limit: 100
		}))
			seen.push(event);
		expect(seen).toHaveLength(1050);
		expect(new Set(seen.map((e) => (e.data.object as Stripe.Customer).id))).toEqual(ids);
		const created = seen.map((e) => e.created);
		expect(created).toEqual([...created].sort((a, b) => b - a));
		expect(
			await emulator.stripe.events
				.list({ type: 'customer.created', types: ['customer.created'] })
				.catch((e: unknown) => e)
		).toMatchObject({ statusCode: 400, param: 'types' });
	});

	it('tells delivered events from undelivered ones (delivery_success), and drops what was never sent', async () => {
		await emulator.control('webhooks/pause');
		const held = await emulator.stripe.customers.create({ email: 'held@example.com' });
		const event = (await emulator.stripe.events.list({ type: 'customer.created', limit: 1 }))
			.data[0];
		expect((event.data.object as Stripe.Customer).id).toBe(held.id);
		const undelivered = await emulator.stripe.events.list({ delivery_success: false, limit: 100 });
		expect(undelivered.data.map((e) => e.id)).toContain(event.id);
		const dropped = await emulator.control('webhooks/drop');
		expect(dropped.dropped).toBeGreaterThanOrEqual(1);
		await emulator.control('webhooks/resume');
		const after = await emulator.stripe.events.retrieve(event.id);
		expect(after.pending_webhooks).toBe(1);
		expect(receiver.received.some((r) => JSON.parse(r.body).id === event.id)).toBe(false);
		const sent = await emulator.stripe.customers.create({ email: 'sent@example.com' });
		const sentEvent = (await emulator.stripe.events.list({ type: 'customer.created', limit: 1 }))
			.data[0];
		expect((sentEvent.data.object as Stripe.Customer).id).toBe(sent.id);
		await eventually(
			async () =>
				(await emulator.stripe.events.retrieve(sentEvent.id)).pending_webhooks === 0 || undefined
		);
		const delivered = await emulator.stripe.events.list({ delivery_success: true, limit: 5 });
		expect(delivered.data.map((e) => e.id)).toContain(sentEvent.id);
		expect(delivered.data.map((e) => e.id)).not.toContain(event.id);
	});

	it('drops retries still waiting for an endpoint that is down', async () => {
		const down = await freePort();
		await emulator.control('webhooks/endpoints', {
			url: `http://127.0.0.1:${down}/webhook`,
			secret: WEBHOOK_SECRET,
			'enabled_events[0]': 'product.created'
		});
		await emulator.stripe.products.create({ name: 'Unreachable' });
		await eventually(async () => {
			const state = await emulator.control('webhooks', {}, 'GET');
			return state.pending > 0 || undefined;
		});
		const dropped = await emulator.control('webhooks/drop');
		expect(dropped.pending).toBe(0);
	});
});

describe('lists for reconciliation', () => {
	it('lists Checkout Sessions by status and created range', async () => {
		const session = await createSession(emulator.stripe);
		await emulator.stripe.checkout.sessions.expire(session.id);
		const expired = await emulator.stripe.checkout.sessions.list({
			status: 'expired',
			created: { gte: session.created, lte: session.created }
		});
		expect(expired.data.map((s) => s.id)).toEqual([session.id]);
		const none = await emulator.stripe.checkout.sessions.list({
			created: { gt: session.created + 60 }
		});
		expect(none.data).toEqual([]);
	});
});
