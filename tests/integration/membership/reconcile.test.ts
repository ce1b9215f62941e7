import postgres from 'postgres';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { uniqueEmail } from '@storefront/local-stack';
import { adminSql } from '../../support/db.ts';
import {
	advanceClock,
	clockedMember,
	createTestPlan,
	DAY,
	stripeMembership,
	storeMembership,
	type TestPlan
} from '../../support/membership.ts';
import { control, stripe } from '../../support/stripe.ts';
import { runReconcile } from '../money/support.ts';

let sql: postgres.Sql;
let plan: TestPlan;
beforeAll(async () => {
	sql = adminSql();
	plan = await createTestPlan(sql, { name: uniqueEmail('reconcile-plan'), trialDays: 0 });
	await control('webhooks/pause');
});
afterAll(async () => {
	await control('webhooks/resume');
	await sql.end();
});

it('npm run reconcile brings memberships whose every event was lost to Stripe’s state, and emails the welcome once', async () => {
	const since = new Date(Date.now() - 1000);
	const price = plan.monthly.stripePriceId;
	const failing = await clockedMember(price, uniqueEmail('lost-failing'), {
		trialDays: 3,
		card: '4000000000000341'
	});
	await advanceClock(failing.clock, failing.start + 3 * DAY + 2 * 3600);
	const ended = await clockedMember(price, uniqueEmail('lost-ended'));
	await stripe.subscriptions.cancel(ended.subscription);
	const member = await clockedMember(price, uniqueEmail('lost-member'));
	await control('webhooks/drop');
	const joined = [failing, ended, member];
	for (const m of joined) expect(await storeMembership(sql, m.subscription)).toBeUndefined();

	const report = await runReconcile(since);
	expect(report).toMatch(/reconciled/i);
	for (const m of joined) {
		const { userId, ...held } = await storeMembership(sql, m.subscription);
		expect(held).toEqual(await stripeMembership(m.subscription));
		expect(userId !== null).toBe(held.access);
	}
	const welcomes = await sql`
		select key from public.email_outbox where kind = 'membership'
		and key in ${sql(joined.map((m) => m.session))}`;
	expect(welcomes.map((w) => w.key).sort()).toEqual([failing.session, member.session].sort());

	// A second run finds nothing left to do.
	await runReconcile(since);
	const again = await sql`
		select count(*)::int as n from public.email_outbox where key in ${sql(joined.map((m) => m.session))}`;
	expect(again[0].n).toBe(2);
});
