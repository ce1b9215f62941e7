import type postgres from 'postgres';
import type Stripe from 'stripe';
import { control, payHostedPage, stripe } from './stripe.ts';

/** Memberships in tests: a plan as the studio makes one, members on test clocks, time moved on. */

export const DAY = 24 * 3600;

export interface TestPlan {
	id: string;
	name: string;
	monthly: { id: string; stripePriceId: string };
	yearly: { id: string; stripePriceId: string };
}

/** A plan with a monthly (9.00) and a yearly (90.00) price, both with `trialDays` free. */
export async function createTestPlan(
	sql: postgres.Sql,
	{ name, trialDays = 7, currency = 'eur' }: { name: string; trialDays?: number; currency?: string }
): Promise<TestPlan> {
	const product = await stripe.products.create({ name });
	const price = (interval: 'month' | 'year', amount: number) =>
		stripe.prices.create({
			product: product.id,
			currency,
			unit_amount: amount,
			recurring: { interval }
		});
	const [monthly, yearly] = await Promise.all([price('month', 900), price('year', 9000)]);
	const [plan] = await sql<{ id: string }[]>`
		insert into public.plans (name, description, stripe_product_id)
		values (${name}, 'Every guide in the store.', ${product.id}) returning id`;
	const rows = await sql<{ id: string; interval: string }[]>`
		insert into public.plan_prices (plan_id, interval, currency, unit_amount, trial_days, stripe_price_id)
		values (${plan.id}, 'month', ${currency}, 900, ${trialDays}, ${monthly.id}),
			(${plan.id}, 'year', ${currency}, 9000, ${trialDays}, ${yearly.id})
		returning id, interval`;
	const idOf = (interval: string) => rows.find((r) => r.interval === interval)!.id;
	return {
		id: plan.id,
		name,
		monthly: { id: idOf('month'), stripePriceId: monthly.id },
		yearly: { id: idOf('year'), stripePriceId: yearly.id }
	};
}

/**
 * A member on a test clock standing at the machine's time, subscribed through Checkout as the
 * store shapes a membership's session, paying with `card` (0341 saves a card that every later
 * charge declines).
 */
export async function clockedMember(
	stripePriceId: string,
	email: string,
	{ card = '4242424242424242', trialDays = 0 }: { card?: string; trialDays?: number } = {}
) {
	const clock = await stripe.testHelpers.testClocks.create({
		frozen_time: Math.floor(Date.now() / 1000)
	});
	const customer = await stripe.customers.create({ email, test_clock: clock.id });
	const session = await stripe.checkout.sessions.create({
		mode: 'subscription',
		line_items: [{ price: stripePriceId, quantity: 1 }],
		customer: customer.id,
		...(trialDays > 0 && { subscription_data: { trial_period_days: trialDays } }),
		metadata: { kind: 'membership' },
		success_url: 'http://127.0.0.1:9/membership/return?session_id={CHECKOUT_SESSION_ID}',
		cancel_url: 'http://127.0.0.1:9/membership'
	});
	const paid = await payHostedPage(session.url!, card);
	if (paid.status !== 303) throw new Error(`checkout not paid: ${paid.status}`);
	const done = await stripe.checkout.sessions.retrieve(session.id);
	return {
		clock: clock.id,
		customer: customer.id,
		session: session.id,
		subscription: String(done.subscription),
		start: clock.frozen_time
	};
}

/** Moves a clock to `to` and waits until everything due on the way has run. */
export async function advanceClock(clock: string, to: number) {
	await stripe.testHelpers.testClocks.advance(clock, { frozen_time: to });
	for (;;) {
		const now = await stripe.testHelpers.testClocks.retrieve(clock);
		if (now.status === 'ready') return now;
		await new Promise((resolve) => setTimeout(resolve, 50));
	}
}

/** Puts a guest's customer (made by Checkout) on a clock, via the emulator's test control. */
export async function moveOntoClock(customer: string) {
	return (await control(`customers/${customer}/test_clock`)) as { id: string; frozen_time: number };
}

/** Makes every later charge of the member's subscription fail (Stripe's test payment method). */
export async function failFutureCharges(customer: string, subscription: string) {
	const failing = await stripe.paymentMethods.attach('pm_card_chargeCustomerFail', { customer });
	await stripe.subscriptions.update(subscription, { default_payment_method: failing.id });
}

/**
 * What the store must hold for a subscription as Stripe has it now, and whether it opens the
 * catalogue with a grace of `graceDays` past due (counted on the subscription's clock).
 */
export async function stripeMembership(subscriptionId: string, graceDays = 7) {
	const s = await stripe.subscriptions.retrieve(subscriptionId, {
		expand: ['latest_invoice', 'test_clock']
	});
	const clock = s.test_clock as Stripe.TestHelpers.TestClock | null;
	const now = clock?.frozen_time ?? Math.floor(Date.now() / 1000);
	const invoice = s.latest_invoice as Stripe.Invoice | null;
	const failedAt = invoice?.status === 'open' ? invoice.status_transitions.finalized_at : null;
	const periodEnd = s.items.data[0]?.current_period_end;
	return {
		status: s.status,
		currentPeriodEnd: periodEnd ? new Date(periodEnd * 1000) : null,
		cancelAtPeriodEnd: s.cancel_at_period_end,
		ended: s.ended_at !== null,
		access:
			s.status === 'trialing' ||
			s.status === 'active' ||
			(s.status === 'past_due' && failedAt !== null && failedAt + graceDays * DAY > now)
	};
}

/** The store's copy of a subscription, in the same shape. */
export async function storeMembership(sql: postgres.Sql, subscriptionId: string) {
	const [row] = await sql<
		{
			status: string;
			currentPeriodEnd: Date | null;
			cancelAtPeriodEnd: boolean;
			ended: boolean;
			access: boolean;
			userId: string | null;
		}[]
	>`
		select status, current_period_ends_at as "currentPeriodEnd", cancel_at_period_end as "cancelAtPeriodEnd",
			ended_at is not null as ended, public.membership_grants_access(status, grace_ends_at) as access,
			user_id as "userId"
		from public.memberships where stripe_subscription_id = ${subscriptionId}`;
	return row;
}
