import type postgres from 'postgres';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { uniqueEmail } from '@storefront/local-stack';
import { buyAndReturn, startApp } from '../../support/app-process.ts';
import { CookieJar } from '../../support/cookie-jar.ts';
import { adminSql } from '../../support/db.ts';
import { createAccount, signedInCookies } from '../../support/sessions.ts';
import { control, stripe } from '../../support/stripe.ts';

/**
 * Refunds from the studio's order page, as the seller's browser sends them: a part of the amount
 * with a reason, "refund pending" until Stripe's charge.refunded arrives, a double submit refunds
 * once (the form's request id is the Idempotency-Key), and no more than what is left.
 */
let sql: postgres.Sql;
let app: Awaited<ReturnType<typeof startApp>>;
let seller: string;
beforeAll(async () => {
	sql = adminSql();
	app = await startApp(4187, { PURCHASE_EMAIL_POLL_SECONDS: '3600' });
	const account = await createAccount('refunding-seller', { role: 'admin' });
	seller = await signedInCookies(app.origin, account.email);
});
afterAll(async () => {
	await control('webhooks/resume');
	await app?.stop();
	await sql?.end();
});

async function paidOrder() {
	const email = uniqueEmail('refund-buyer');
	await buyAndReturn(app.origin, 'bike-repair-basics', email, new CookieJar());
	const [order] = await sql<{ id: string; paymentIntent: string }[]>`
		select id, stripe_payment_intent_id as "paymentIntent" from public.purchases
		where email = ${email}`;
	return order;
}

const refund = (orderId: string, fields: Record<string, string>) =>
	fetch(`${app.origin}/admin/orders/${orderId}?/refund`, {
		method: 'POST',
		headers: {
			cookie: seller,
			origin: app.origin,
			accept: 'application/json',
			'x-sveltekit-action': 'true',
			'content-type': 'application/x-www-form-urlencoded'
		},
		body: new URLSearchParams({ reason: 'requested_by_customer', note: '', ...fields })
	});

const orderPage = async (orderId: string) =>
	(await fetch(`${app.origin}/admin/orders/${orderId}`, { headers: { cookie: seller } })).text();

it('a partial refund, sent twice, refunds once; the order says pending until Stripe says refunded', async () => {
	const order = await paidOrder();
	await control('webhooks/pause');
	const once = { requestId: crypto.randomUUID(), amount: '4.50' };
	for (const attempt of [once, once]) {
		const answer = await refund(order.id, attempt);
		expect(answer.status).toBe(200);
		expect((await answer.json()).type).toBe('success');
	}
	const refunds = await stripe.refunds.list({ payment_intent: order.paymentIntent });
	expect(refunds.data.map((r) => r.amount)).toEqual([450]);
	const [{ requests }] = await sql<{ requests: number }[]>`
		select count(*)::int as requests from public.refund_requests where purchase_id = ${order.id}`;
	expect(requests).toBe(1);
	expect(await orderPage(order.id)).toContain('refund pending');

	// Access changes only with Stripe's event: a partial refund keeps the purchase paid.
	await control('webhooks/resume');
	await expect
		.poll(async () => (await orderPage(order.id)).includes('refund pending'), { timeout: 20_000 })
		.toBe(false);
	const [purchase] = await sql<{ status: string; refunded: number }[]>`
		select status, amount_refunded as refunded from public.purchases where id = ${order.id}`;
	expect(purchase).toEqual({ status: 'paid', refunded: 450 });
});

it('refuses more than is left, and a malformed amount, refunding nothing', async () => {
	const order = await paidOrder();
	for (const amount of ['14.01', '-1', 'all']) {
		const answer = await refund(order.id, { requestId: crypto.randomUUID(), amount });
		// An enhanced form's answer: HTTP 200 carrying the action's failure and its status.
		expect(await answer.json(), amount).toMatchObject({ type: 'failure', status: 400 });
	}
	expect((await stripe.refunds.list({ payment_intent: order.paymentIntent })).data).toEqual([]);
});
