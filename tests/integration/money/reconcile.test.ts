import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emailsTo, uniqueEmail, waitForEmails } from '@storefront/local-stack';
import { adminSql } from '../../support/db.ts';
import { completedEvent, control, deliver, paidSession, stripe } from '../../support/stripe.ts';
import { bank, runReconcile, storeView, stripeTruth } from './support.ts';

let sql: postgres.Sql;
let productIds: string[];

beforeAll(async () => {
	sql = adminSql();
	productIds = (
		await sql<{ id: string }[]>`select id from public.products where published and price_cents > 0
			order by position limit 3`
	).map((p) => p.id);
});
afterAll(async () => {
	await control('webhooks/resume');
	await sql.end();
});

describe('npm run reconcile, when the webhook missed everything', () => {
	it('brings the database to Stripe’s truth and emails each buyer once; the late deliveries change nothing', async () => {
		const since = new Date(Date.now() - 1000);
		await control('webhooks/pause');
		const buyers = productIds.map(() => uniqueEmail('missed'));
		const sessions = await Promise.all(productIds.map((id, i) => paidSession(id, buyers[i])));
		const intent = (i: number) => sessions[i].payment_intent as string;
		await stripe.refunds.create({ payment_intent: intent(1) });
		await bank.dispute(intent(2));
		for (const session of sessions) expect(await storeView(sql, session.id)).toBeUndefined();

		// The purchases are older than the return window: their emails go out now.
		const output = await runReconcile(since, { PURCHASE_RETURN_WINDOW_SECONDS: '0' });
		expect(output).toMatch(
			/Reconciled since .*: \d+ checked, \d+ changed, \d+ purchase email\(s\) sent\./
		);
		for (const [i, session] of sessions.entries()) {
			const truth = await stripeTruth(intent(i));
			expect(await storeView(sql, session.id)).toEqual({ ...truth, linked: true });
		}
		expect(sessions.map((_, i) => i)).toHaveLength(3);
		expect((await storeView(sql, sessions[1].id))?.status).toBe('refunded');
		expect((await storeView(sql, sessions[2].id))?.status).toBe('disputed');
		for (const buyer of buyers) await waitForEmails(buyer, 1);

		// Every event is in the audit log; the completions say they were reconciled (the refund and
		// the dispute found their purchase already in Stripe's state: unchanged).
		const audit = await sql<{ type: string; outcome: string }[]>`
			select type, outcome from public.stripe_events
			where object_id = any(${sessions.map((s) => s.id)})
				or payment_intent_id = any(${sessions.map((s) => s.payment_intent as string)})`;
		expect(
			audit.filter((e) => e.type === 'checkout.session.completed').map((e) => e.outcome)
		).toEqual(['reconciled', 'reconciled', 'reconciled']);
		expect(audit.map((e) => e.type)).toEqual(
			expect.arrayContaining(['charge.refunded', 'charge.dispute.created'])
		);
		expect(audit.every((e) => e.outcome !== null)).toBe(true);

		// Running it again changes nothing of these (other tests' payments may settle meanwhile, in
		// the same window: only these checkouts are compared); the late deliveries are duplicates.
		await runReconcile(since);
		const ours = sql`object_id = any(${sessions.map((s) => s.id)})
			or payment_intent_id = any(${sessions.map((s) => s.payment_intent as string)})`;
		const events = () => sql`select id, outcome, processed_at from public.stripe_events
			where ${ours} order by id`;
		const before = await events();
		for (const [i, session] of sessions.entries()) {
			expect(await storeView(sql, session.id)).toEqual({
				...(await stripeTruth(intent(i))),
				linked: true
			});
		}
		await control('webhooks/resume');
		await new Promise((r) => setTimeout(r, 4000));
		for (const [i, session] of sessions.entries()) {
			expect(await storeView(sql, session.id)).toEqual({
				...(await stripeTruth(intent(i))),
				linked: true
			});
		}
		for (const buyer of buyers) expect(await emailsTo(buyer)).toHaveLength(1);
		// What reconciliation recorded stays as it was; events it did not need (charge.succeeded and
		// the like), delivered now, are recorded as ignored.
		const after = await events();
		expect(after.filter((e) => before.some((b) => b.id === e.id))).toEqual(before);
		for (const e of after.filter((e) => !before.some((b) => b.id === e.id))) {
			expect(e.outcome, e.id).toBe('ignored');
		}
	});
});

describe('events in any order', () => {
	it('a refund delivered before its purchase’s completion leaves the purchase refunded', async () => {
		await control('webhooks/pause');
		const session = await paidSession(productIds[0], uniqueEmail('early-refund'));
		const refund = await stripe.refunds.create({
			payment_intent: session.payment_intent as string
		});
		const refunded = (await stripe.events.list({ type: 'charge.refunded', limit: 20 })).data.find(
			(e) => (e.data.object as { id: string }).id === refund.charge
		);
		expect(refunded).toBeDefined();
		expect((await deliver(JSON.stringify(refunded))).status).toBe(200);
		expect(await storeView(sql, session.id)).toBeUndefined();
		expect((await deliver(completedEvent(session))).status).toBe(200);
		expect(await storeView(sql, session.id)).toMatchObject({
			status: 'refunded',
			amountRefunded: 1200
		});
	});
});
