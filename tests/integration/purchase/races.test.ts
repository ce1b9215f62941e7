import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { emailsTo, portOpen, stackCli, uniqueEmail, waitForEmail } from '@storefront/local-stack';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, startCheckout } from '../../support/app-process.ts';
import { adminSql } from '../../support/db.ts';
import { stackEnv } from '../../support/env.ts';
import {
	completedEvent,
	control,
	deliver,
	payHostedPage,
	paidSession,
	stripe
} from '../../support/stripe.ts';

let sql: postgres.Sql;
let app: Awaited<ReturnType<typeof startApp>>;

beforeAll(async () => {
	sql = adminSql();
	app = await startApp(4180, {
		// Longer than a return takes on a loaded machine (it makes the account, a bcrypt hash).
		PURCHASE_RETURN_WINDOW_SECONDS: '10',
		PURCHASE_EMAIL_POLL_SECONDS: '0.3'
	});
});
afterAll(async () => {
	await control('webhooks/resume');
	await app?.stop();
	await sql.end();
});

const purchasesOf = (sessionId: string) =>
	sql`select user_id from public.purchases where stripe_checkout_session_id = ${sessionId}`;

async function until<T>(check: () => Promise<T | undefined>, tries = 300) {
	for (let i = 0; i < tries; i++) {
		const value = await check();
		if (value) return value;
		await new Promise((r) => setTimeout(r, 100));
	}
	throw new Error('condition not met');
}

describe('fulfilment races', () => {
	it('50 concurrent deliveries racing the return: one purchase row, one email, and the buyer is logged in', async () => {
		await control('webhooks/pause');
		const email = uniqueEmail('race');
		const { checkoutUrl, nonceCookie } = await startCheckout(app.origin, 'bike-repair-basics');
		const paid = await payHostedPage(checkoutUrl, '4242424242424242', email);
		expect(paid.location).toMatch(/\/products\/bike-repair-basics\/return\?session_id=cs_test_/);
		const sessionId = new URL(paid.location!).searchParams.get('session_id')!;
		const payload = completedEvent(await stripe.checkout.sessions.retrieve(sessionId));

		const [returned, ...deliveries] = await Promise.all([
			fetch(paid.location!, { redirect: 'manual', headers: { cookie: nonceCookie } }),
			...Array.from({ length: 50 }, () => deliver(payload))
		]);
		expect(deliveries.map((d) => d.status)).toEqual(Array(50).fill(200));
		expect(returned.status).toBe(303);
		expect(returned.headers.get('location')).toBe(
			'/products/bike-repair-basics/read?checkout=thanks'
		);
		expect(returned.headers.getSetCookie().some((c) => c.startsWith('sb-'))).toBe(true);
		expect(await purchasesOf(sessionId)).toHaveLength(1);

		await waitForEmail(email, 20_000);
		// The emulator's own delivery arrives too, and the email worker keeps polling: still one.
		await control('webhooks/resume');
		await new Promise((r) => setTimeout(r, 4000));
		expect(await emailsTo(email)).toHaveLength(1);
		expect(await purchasesOf(sessionId)).toHaveLength(1);
	});

	it('with Postgres stopped the webhook answers 5xx; once it is back, the retry records the purchase', async () => {
		const [{ id: productId }] =
			await sql`select id from public.products where slug = 'slow-mornings'`;
		await control('webhooks/pause');
		const email = uniqueEmail('outage');
		const session = await paidSession(productId, email);
		const [event] = (
			await stripe.events.list({ type: 'checkout.session.completed', limit: 10 })
		).data.filter((e) => (e.data.object as { id: string }).id === session.id);

		await sql.end();
		const pid = Number(readFileSync('.local/run/postgres.pid', 'utf8'));
		process.kill(pid, 'SIGINT');
		await until(async () => !(await portOpen(stackEnv().ports.db)));
		try {
			await control('webhooks/resume');
			const failed = await until(async () => {
				const { data } = await control(`webhooks/attempts?event=${event.id}`, {}, 'GET');
				return data.find((a: { status: number | null }) => a.status !== null && a.status >= 500);
			});
			expect(failed.status).toBeGreaterThanOrEqual(500);
		} finally {
			execFileSync(process.execPath, [stackCli, 'up', '--quiet']);
		}
		sql = adminSql();
		// The retry is answered 200 once the purchase is recorded, with its event, in one
		// transaction (its account follows with the return or the email: emails.test.ts).
		const answered = await until(async () => {
			const { data } = await control(`webhooks/attempts?event=${event.id}`, {}, 'GET');
			return data.find((a: { status: number | null }) => a.status === 200);
		});
		expect(answered.status).toBe(200);
		expect(await purchasesOf(session.id)).toHaveLength(1);
		const [recorded] = await sql`select outcome from public.stripe_events where id = ${event.id}`;
		expect(recorded.outcome).toBe('fulfilled');
	});
});
