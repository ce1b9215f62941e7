import { createClient } from '@supabase/supabase-js';
import fc from 'fast-check';
import postgres from 'postgres';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { uniqueEmail } from '@storefront/local-stack';
import { reconcile } from '../../../supabase/functions/_shared/reconcile.ts';
import { adminSql } from '../../support/db.ts';
import { stackEnv } from '../../support/env.ts';
import { control, deliver, paidSession, stripe } from '../../support/stripe.ts';
import { allEventsOf, bank, storeView, stripeTruth } from './support.ts';

/**
 * 1,000 deliveries over 100 checkouts: completions, full and partial refunds, disputes opened and
 * won, each event delivered one to several times, all shuffled, with a reconciliation running in
 * the middle. The database must end equal to what Stripe holds, checkout by checkout.
 */
let sql: postgres.Sql;
beforeAll(async () => {
	sql = adminSql();
	await control('webhooks/pause');
});
afterAll(async () => {
	await control('webhooks/resume');
	await sql.end();
});

const DELIVERIES = 1000;
const CHECKOUTS = 100;

it('1,000 shuffled deliveries (duplicates, refunds and disputes before or after their completion) and a concurrent reconciliation end in Stripe’s truth', async () => {
	const started = Math.floor(Date.now() / 1000) - 1;
	const products = await sql<{ id: string }[]>`
		select id from public.products where published and price_cents > 0`;
	const checkouts = [];
	for (let i = 0; i < CHECKOUTS; i++) {
		const session = await paidSession(products[i % products.length].id, uniqueEmail(`storm${i}`));
		const intent = session.payment_intent as string;
		if (i % 5 === 1) await stripe.refunds.create({ payment_intent: intent });
		if (i % 5 === 2) await stripe.refunds.create({ payment_intent: intent, amount: 100 });
		if (i % 5 >= 3) {
			const dispute = await bank.dispute(intent);
			if (i % 5 === 4) await bank.closeDispute(dispute.id, 'won');
		}
		checkouts.push({ session, intent });
	}
	const events = (
		await Promise.all(checkouts.map((c) => allEventsOf(c.intent, c.session.id, started)))
	).flat();
	expect(events.length).toBeGreaterThanOrEqual(CHECKOUTS);

	// Every event at least once, the rest as duplicates; shuffled with a fixed seed.
	const copies = Array.from({ length: DELIVERIES }, (_, i) => events[i % events.length]);
	const order = fc.sample(fc.shuffledSubarray(copies, { minLength: DELIVERIES }), {
		seed: 11,
		numRuns: 1
	})[0];

	const { apiUrl, serviceRoleKey, anonKey } = stackEnv();
	const auth = (key: string) => createClient(apiUrl, key, { auth: { persistSession: false } }).auth;
	const reconciling = new Promise((r) => setTimeout(r, 200)).then(() =>
		reconcile(
			{
				sql,
				stripe,
				auth: auth(serviceRoleKey).admin,
				visitorAuth: auth(anonKey),
				storeUrl: 'http://127.0.0.1:4173',
				graceDays: 7
			},
			{ since: new Date(started * 1000), trigger: 'command', returnWindowSeconds: 3600 }
		)
	);
	const began = performance.now();
	const statuses: number[] = [];
	let next = 0;
	await Promise.all(
		Array.from({ length: 25 }, async () => {
			while (next < order.length) {
				const event = order[next++];
				statuses.push((await deliver(JSON.stringify(event))).status);
			}
		})
	);
	const seconds = (performance.now() - began) / 1000;
	await reconciling;
	console.info(
		`${DELIVERIES} deliveries in ${seconds.toFixed(1)} s: ${Math.round(DELIVERIES / seconds)}/s`
	);
	expect(statuses.filter((s) => s !== 200)).toEqual([]);

	const mismatches = [];
	for (const { session, intent } of checkouts) {
		// No account yet: it comes with the buyer's return or the purchase email (not due here).
		const truth = { ...(await stripeTruth(intent)), linked: false };
		const view = await storeView(sql, session.id);
		if (JSON.stringify(view) !== JSON.stringify(truth))
			mismatches.push({ session: session.id, view, truth });
	}
	expect(mismatches).toEqual([]);
	const [{ n }] = await sql<{ n: number }[]>`select count(*)::int as n from public.purchases
		where stripe_checkout_session_id = any(${checkouts.map((c) => c.session.id)})`;
	expect(n).toBe(CHECKOUTS);
}, 300_000);
