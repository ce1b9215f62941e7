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

		// Running it again finds nothing; the webhook's late deliveries are duplicates.
		expect(await runReconcile(since)).toMatch(/ 0 changed, 0 purchase email\(s\) sent\./);
		const before =
			await sql`select id, outcome, processed_at from public.stripe_events order by id`;
		await control('webhooks/resume');
		await new Promise((r) => setTimeout(r, 4000));
		for (const [i, session] of sessions.entries()) {
			expect(await storeView(sql, session.id)).toEqual({
				...(await stripeTruth(intent(i))),
				linked: true
			});
		}
		for (const buyer of buyers) expect(await emailsTo(buyer)).toHaveLength(1);
		const after = await sql`select id, outcome, processed_at from public.stripe_events order by id`;
		expect(after.filter((row) => before.some((b) => b.id === row.id))).toEqual(before);
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
