import type postgres from 'postgres';
import type Stripe from 'stripe';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { uniqueEmail } from '@storefront/local-stack';
import { adminSql } from '../../support/db.ts';
import { createTestPlan, type TestPlan } from '../../support/membership.ts';
import { control, deliver, payHostedPage, stripe } from '../../support/stripe.ts';

/**
 * Which event makes a member's account. A subscription the store's Checkout started gets it from
 * that checkout, which the account remembers (the return may then log the paying browser in):
 * its `customer.subscription.created`, often delivered first, must not make one that remembers
 * no checkout. A subscription started elsewhere (the Dashboard, the API) gets it from its events.
 */
let sql: postgres.Sql;
let plan: TestPlan;
beforeAll(async () => {
	sql = adminSql();
	plan = await createTestPlan(sql, { name: uniqueEmail('account-plan'), trialDays: 0 });
	await control('webhooks/pause');
});
afterAll(async () => {
	await control('webhooks/resume');
	await sql.end();
});

async function subscribe(email: string, metadata: Record<string, string>) {
	const since = Math.floor(Date.now() / 1000) - 1;
	const session = await stripe.checkout.sessions.create({
		mode: 'subscription',
		line_items: [{ price: plan.monthly.stripePriceId, quantity: 1 }],
		customer_email: email,
		subscription_data: { metadata },
		metadata: { kind: 'membership' },
		success_url: 'http://127.0.0.1:9/membership/return?session_id={CHECKOUT_SESSION_ID}',
		cancel_url: 'http://127.0.0.1:9/membership'
	});
	expect((await payHostedPage(session.url!)).status).toBe(303);
	const subscription = String((await stripe.checkout.sessions.retrieve(session.id)).subscription);
	const eventOf = async (type: string, id: string) => {
		const { data } = await stripe.events.list({ type, created: { gte: since }, limit: 100 });
		const event = data.find((e) => (e.data.object as { id: string }).id === id);
		expect(event, `${type} for ${id}`).toBeDefined();
		return event as Stripe.Event;
	};
	return {
		session: session.id,
		created: await eventOf('customer.subscription.created', subscription),
		completed: await eventOf('checkout.session.completed', session.id)
	};
}

const accountOf = async (email: string) => {
	const [row] = await sql<{ createdByCheckout: string | null }[]>`
		select raw_app_meta_data ->> 'created_by_checkout' as "createdByCheckout"
		from auth.users where email = ${email}`;
	return row;
};

it('the store’s Checkout: no account from the subscription event; the checkout makes it and is remembered', async () => {
	const email = uniqueEmail('store-member');
	const { session, created, completed } = await subscribe(email, {
		plan_price_id: plan.monthly.id
	});
	expect((await deliver(JSON.stringify(created))).status).toBe(200);
	expect(await accountOf(email)).toBeUndefined();
	expect((await deliver(JSON.stringify(completed))).status).toBe(200);
	expect(await accountOf(email)).toEqual({ createdByCheckout: session });
});

it('a subscription started outside the store gets its account from its first event', async () => {
	const email = uniqueEmail('dashboard-member');
	const { created } = await subscribe(email, {});
	expect((await deliver(JSON.stringify(created))).status).toBe(200);
	expect(await accountOf(email)).toEqual({ createdByCheckout: null });
});
