import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uniqueEmail } from '@storefront/local-stack';
import { adminSql } from '../../support/db.ts';
import { createAccount } from '../../support/sessions.ts';
import { completedEvent, control, deliver, paidSession, webhookUrl } from '../../support/stripe.ts';

let sql: postgres.Sql;
let productId: string;
const eventCount = async () =>
	(await sql`select count(*)::int as n from public.stripe_events`)[0].n;

// The emulator's own deliveries wait, so each test decides which deliveries the function sees.
beforeAll(async () => {
	sql = adminSql();
	[{ id: productId }] = await sql`select id from public.products where slug = 'night-photography'`;
	await control('webhooks/pause');
});
afterAll(async () => {
	await control('webhooks/resume');
	await sql.end();
});

describe('the stripe-webhook function refuses what Stripe did not sign, and writes nothing', () => {
	it('a signature made with another secret: 400', async () => {
		const before = await eventCount();
		const response = await deliver(completedEvent({ id: 'cs_test_x' } as never), {
			secret: 'whsec_not_the_right_one'
		});
		expect(response.status).toBe(400);
		expect(await eventCount()).toBe(before);
	});

	it('a stale timestamp (older than 300 s): 400', async () => {
		const before = await eventCount();
		const response = await deliver(completedEvent({ id: 'cs_test_x' } as never), {
			timestamp: Math.floor(Date.now() / 1000) - 301
		});
		expect(response.status).toBe(400);
		expect(await eventCount()).toBe(before);
	});

	it('a malformed body, even correctly signed: 400', async () => {
		const before = await eventCount();
		const response = await deliver('{"id": "evt_broken", "type": ');
		expect(response.status).toBe(400);
		expect(await eventCount()).toBe(before);
	});

	it('no signature header at all: 400', async () => {
		const response = await fetch(webhookUrl(), {
			method: 'POST',
			body: '{}'
		});
		expect(response.status).toBe(400);
	});
});

describe('the stripe-webhook function records events', () => {
	it('answers 2xx to an event type it does not handle, and records it once', async () => {
		const id = `evt_test_unknown_${Date.now()}`;
		const payload = JSON.stringify({
			id,
			object: 'event',
			type: 'customer.created',
			livemode: false,
			created: Math.floor(Date.now() / 1000),
			data: { object: { id: 'cus_test_1', object: 'customer' } }
		});
		expect((await deliver(payload)).status).toBe(200);
		expect((await deliver(payload)).status).toBe(200);
		const rows = await sql`select processed_at from public.stripe_events where id = ${id}`;
		expect(rows).toHaveLength(1);
		expect(rows[0].processed_at).not.toBeNull();
	});

	it('turns 50 concurrent deliveries of one paid checkout into one purchase and one queued email, and makes no account', async () => {
		const email = uniqueEmail('storm');
		const session = await paidSession(productId, email);
		const payload = completedEvent(session);
		const answers = await Promise.all(Array.from({ length: 50 }, () => deliver(payload)));
		expect(answers.map((r) => r.status)).toEqual(Array(50).fill(200));
		const outcomes = await Promise.all(answers.map((r) => r.json()));
		expect(outcomes.filter((o) => o.outcome === 'fulfilled')).toHaveLength(1);

		const purchases = await sql`select user_id, email, status from public.purchases
			where stripe_checkout_session_id = ${session.id}`;
		expect(purchases).toEqual([{ user_id: null, email, status: 'paid' }]);
		// The account comes with the return, the purchase email or a login (fulfilment.ts).
		expect(await sql`select 1 from auth.users where email = ${email}`).toHaveLength(0);
		expect(await sql`select 1 from public.email_outbox where key = ${session.id}`).toHaveLength(1);
		const [recorded] = await sql`select outcome, deliveries, processed_at from public.stripe_events
			where object_id = ${session.id}`;
		expect(recorded).toMatchObject({ outcome: 'fulfilled', deliveries: expect.any(Number) });
		expect(recorded.processed_at).not.toBeNull();
	});

	it("files a purchase made with an existing account's email under that account at once", async () => {
		const { id, email } = await createAccount('existing');
		const first = await paidSession(productId, email);
		await deliver(completedEvent(first));
		const second = await paidSession(productId, email.toUpperCase());
		const response = await deliver(completedEvent(second));
		expect(await response.json()).toMatchObject({ outcome: 'fulfilled' });
		const owners = await sql`select distinct user_id from public.purchases
			where stripe_checkout_session_id in (${first.id}, ${second.id})`;
		expect(owners).toEqual([{ user_id: id }]);
		expect(await sql`select 1 from auth.users where lower(email) = ${email}`).toHaveLength(1);
	});

	it('ignores a checkout whose payment is still processing (no purchase until it succeeds)', async () => {
		const email = uniqueEmail('async');
		const session = await paidSession(productId, email, {}, '4000000000000077');
		expect(session.payment_status).toBe('unpaid');
		const response = await deliver(completedEvent(session));
		expect(await response.json()).toMatchObject({ outcome: 'ignored' });
		expect(await purchasesOf(session.id)).toHaveLength(0);
	});
});

describe('the stripe-webhook function trusts Stripe, not the event body', () => {
	const event = (object: Record<string, unknown>, type = 'checkout.session.completed') =>
		JSON.stringify({ ...JSON.parse(completedEvent({} as never)), type, data: { object } });
	const writes = async () =>
		(
			await sql`select (select count(*) from public.stripe_events)::int as events,
				(select count(*) from public.purchases)::int as purchases,
				(select count(*) from auth.users)::int as users`
		)[0];

	it('a body that claims "paid" for a session Stripe holds as processing grants nothing', async () => {
		const email = uniqueEmail('forged');
		const session = await paidSession(productId, email, {}, '4000000000000077');
		const forged = { ...session, payment_status: 'paid' };
		const response = await deliver(completedEvent(forged as typeof session));
		expect(await response.json()).toMatchObject({ outcome: 'ignored' });
		expect(await purchasesOf(session.id)).toHaveLength(0);
	});

	it('a session Stripe does not know is answered 2xx (so Stripe stops retrying) and fulfils nothing', async () => {
		const before = await writes();
		const response = await deliver(
			event({
				id: 'cs_test_NoSuchSession0000000000',
				object: 'checkout.session',
				amount_total: 1200,
				currency: 'eur',
				metadata: { product_id: productId }
			})
		);
		expect(response.status).toBe(200);
		expect(await response.json()).toMatchObject({ outcome: 'ignored' });
		const after = await writes();
		expect({ purchases: after.purchases, users: after.users }).toEqual({
			purchases: before.purchases,
			users: before.users
		});
	});

	it('bodies that can never be valid get 400 and write nothing', async () => {
		const session = { id: 'cs_test_a1b2c3d4e5f6g7', object: 'checkout.session' };
		const bodies = [
			'[]',
			'[{"id":"evt_1"}]',
			'"a string"',
			event({ ...session, amount_total: -1200, currency: 'eur' }),
			event({ ...session, amount_total: 1200, currency: 'xyz' }),
			event({ ...session, id: 12345, amount_total: 1200, currency: 'eur' }),
			event({ ...session, amount_total: 1200, currency: 'eur', metadata: { product_id: 'x' } }),
			event(
				{ id: 'ch_test_1', object: 'charge', payment_intent: { nope: true } },
				'charge.refunded'
			),
			JSON.stringify({ ...JSON.parse(completedEvent({} as never)), id: 'not-an-event-id' })
		];
		for (const body of bodies) {
			const before = await writes();
			const response = await deliver(body);
			expect(response.status, body).toBe(400);
			expect((await response.json()).error).toMatch(/not a valid event|signature/);
			expect(await writes()).toEqual(before);
		}
	});

	it('a session of a product this store does not have gets 400: no event, no purchase, no account', async () => {
		const email = uniqueEmail('ghost');
		const session = await paidSession('00000000-0000-4000-8000-000000000000', email);
		const before = await writes();
		const response = await deliver(completedEvent(session));
		expect(response.status).toBe(400);
		expect(await writes()).toEqual(before);
		expect(await sql`select 1 from auth.users where email = ${email}`).toHaveLength(0);
	});
});

const purchasesOf = (sessionId: string) =>
	sql`select 1 from public.purchases where stripe_checkout_session_id = ${sessionId}`;
