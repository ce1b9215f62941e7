import Stripe from 'stripe';
import { afterEach, describe, expect, it } from 'vitest';
import type { DeliveryAttempt } from '../../../src/stripe/webhooks/dispatcher.ts';
import {
	createSession,
	eventually,
	freePort,
	startEmulator,
	startReceiver,
	WEBHOOK_SECRET,
	type TestEmulator
} from './support.ts';

const verifier = new Stripe('sk_test_verifier');
const cleanUps: (() => Promise<unknown>)[] = [];

afterEach(async () => {
	for (const cleanUp of cleanUps.splice(0).reverse()) await cleanUp();
});

/** An emulator whose one endpoint is `url`, with Stripe's retry schedule shrunk to milliseconds. */
async function emulatorFor(url: string): Promise<TestEmulator> {
	const emulator = await startEmulator({
		webhooks: { endpoints: [{ url, secret: WEBHOOK_SECRET }], retryFactor: 0.0005 }
	});
	cleanUps.push(emulator.cleanUp);
	return emulator;
}

async function receiver(port = 0, statuses: number[] = []) {
	const r = await startReceiver(port, statuses);
	cleanUps.push(r.close);
	return r;
}

/** Expiring a session is the simplest SDK call that makes an event (`checkout.session.expired`). */
async function causeEvent(emulator: TestEmulator): Promise<string> {
	const session = await createSession(emulator.stripe);
	await emulator.stripe.checkout.sessions.expire(session.id);
	const events = await emulator.stripe.events.list({ type: 'checkout.session.expired', limit: 1 });
	return events.data[0].id;
}

const attemptsOf = async (emulator: TestEmulator, event: string): Promise<DeliveryAttempt[]> =>
	(await emulator.control(`webhooks/attempts?event=${event}`, {}, 'GET')).data;
const receiptsOf = (r: Awaited<ReturnType<typeof receiver>>, event: string) =>
	r.received.filter((w) => JSON.parse(w.body).id === event);

describe('webhook delivery', () => {
	it('signs each delivery so the SDK accepts it with the secret and refuses another secret', async () => {
		const endpoint = await receiver();
		const emulator = await emulatorFor(endpoint.url);
		const eventId = await causeEvent(emulator);
		const [delivery] = await eventually(() =>
			receiptsOf(endpoint, eventId).length ? receiptsOf(endpoint, eventId) : undefined
		);
		const signature = String(delivery.headers['stripe-signature']);
		expect(signature).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
		const event = await verifier.webhooks.constructEventAsync(
			delivery.body,
			signature,
			WEBHOOK_SECRET
		);
		expect(event).toMatchObject({ id: eventId, type: 'checkout.session.expired', object: 'event' });
		await expect(
			verifier.webhooks.constructEventAsync(delivery.body, signature, 'whsec_someone_else')
		).rejects.toBeInstanceOf(Stripe.errors.StripeSignatureVerificationError);
	});

	it('retries after the endpoint answered 500 until it answers 2xx', async () => {
		const endpoint = await receiver(0, [500, 500]);
		const emulator = await emulatorFor(endpoint.url);
		const eventId = await causeEvent(emulator);
		await eventually(() => receiptsOf(endpoint, eventId).length === 3 || undefined);
		const attempts = await eventually(async () => {
			const list = await attemptsOf(emulator, eventId);
			return list.length === 3 ? list : undefined;
		});
		expect(attempts.map((a) => [a.attempt, a.status, a.will_retry])).toEqual([
			[1, 500, true],
			[2, 500, true],
			[3, 200, false]
		]);
		expect(new Set(attempts.map((a) => a.delivery)).size).toBe(1);
	});

	it('retries while the endpoint is down and delivers once it is up', async () => {
		const port = await freePort();
		const emulator = await emulatorFor(`http://127.0.0.1:${port}/webhook`);
		const eventId = await causeEvent(emulator);
		const failures = await eventually(async () => {
			const list = await attemptsOf(emulator, eventId);
			return list.length >= 2 ? list : undefined;
		});
		expect(failures.every((a) => a.status === null && a.error)).toBe(true);
		const endpoint = await receiver(port);
		await eventually(() => receiptsOf(endpoint, eventId).length > 0 || undefined);
		const attempts = await attemptsOf(emulator, eventId);
		expect(attempts.at(-1)?.status).toBe(200);
	});

	it('delivers an event twice at once on demand, and redelivers it', async () => {
		const endpoint = await receiver();
		const emulator = await emulatorFor(endpoint.url);
		const eventId = await causeEvent(emulator);
		await eventually(() => receiptsOf(endpoint, eventId).length === 1 || undefined);
		await emulator.control(`events/${eventId}/deliver_twice`);
		await eventually(() => receiptsOf(endpoint, eventId).length === 3 || undefined);
		await emulator.control(`events/${eventId}/redeliver`);
		await eventually(() => receiptsOf(endpoint, eventId).length === 4 || undefined);
		const bodies = receiptsOf(endpoint, eventId).map((w) => JSON.parse(w.body).id);
		expect(bodies).toEqual([eventId, eventId, eventId, eventId]);
		const attempts = await attemptsOf(emulator, eventId);
		expect(new Set(attempts.map((a) => a.delivery)).size).toBe(4);
	});

	it('holds deliveries while paused and sends them on resume', async () => {
		const endpoint = await receiver();
		const emulator = await emulatorFor(endpoint.url);
		await emulator.control('webhooks/pause');
		const eventId = await causeEvent(emulator);
		const paused = await emulator.control('webhooks', {}, 'GET');
		expect(paused).toMatchObject({ paused: true, pending: 1 });
		expect(receiptsOf(endpoint, eventId)).toHaveLength(0);
		await emulator.control('webhooks/resume');
		await eventually(() => receiptsOf(endpoint, eventId).length === 1 || undefined);
		expect((await emulator.control('webhooks', {}, 'GET')).paused).toBe(false);
	});

	it('waits the configured delay before the first attempt', async () => {
		const endpoint = await receiver();
		const emulator = await emulatorFor(endpoint.url);
		await emulator.control('webhooks/delay', { ms: '60000' });
		const eventId = await causeEvent(emulator);
		expect(await emulator.control('webhooks', {}, 'GET')).toMatchObject({
			delay_ms: 60000,
			pending: 1
		});
		expect(await attemptsOf(emulator, eventId)).toEqual([]);
		await emulator.control('webhooks/delay', { ms: '0' });
		await emulator.control(`events/${eventId}/redeliver`);
		await eventually(() => receiptsOf(endpoint, eventId).length === 1 || undefined);
	});

	it('sends an endpoint only the event types it is enabled for', async () => {
		const all = await receiver();
		const refundsOnly = await receiver();
		const emulator = await emulatorFor(all.url);
		await emulator.control('webhooks/endpoints', {
			url: refundsOnly.url,
			secret: WEBHOOK_SECRET,
			'enabled_events[0]': 'charge.refunded'
		});
		const eventId = await causeEvent(emulator);
		await eventually(() => receiptsOf(all, eventId).length === 1 || undefined);
		expect(receiptsOf(refundsOnly, eventId)).toHaveLength(0);
		// Counted when made: one endpoint listens; delivered, none is left waiting.
		expect(JSON.parse(receiptsOf(all, eventId)[0].body).pending_webhooks).toBe(1);
		await eventually(
			async () =>
				(await emulator.stripe.events.retrieve(eventId)).pending_webhooks === 0 || undefined
		);
	});
});
