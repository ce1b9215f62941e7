import fc from 'fast-check';
import postgres from 'postgres';
import type Stripe from 'stripe';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { uniqueEmail } from '@storefront/local-stack';
import { HANDLED_EVENT_TYPES } from '../../../supabase/functions/_shared/stripe-events.ts';
import { adminSql } from '../../support/db.ts';
import {
	advanceClock,
	clockedMember,
	createTestPlan,
	DAY,
	failFutureCharges,
	stripeMembership,
	storeMembership,
	type TestPlan
} from '../../support/membership.ts';
import { control, deliver, stripe } from '../../support/stripe.ts';

/**
 * Memberships through time on test clocks, with the webhook paused: trials that end, renewals that
 * fail (within and past the grace period), a card fixed, cancellations at the period end and at
 * once. Then every event about them, duplicated to 100 deliveries and shuffled, reaches the
 * webhook: each membership must end as Stripe holds it, whatever the order.
 */
let sql: postgres.Sql;
let plan: TestPlan;
beforeAll(async () => {
	sql = adminSql();
	plan = await createTestPlan(sql, { name: uniqueEmail('storm-plan'), trialDays: 0 });
	await control('webhooks/pause');
});
afterAll(async () => {
	await control('webhooks/resume');
	await sql.end();
});

const DELIVERIES = 100;

async function members() {
	const monthly = plan.monthly.stripePriceId;
	const join = (name: string, options?: Parameters<typeof clockedMember>[2], price = monthly) =>
		clockedMember(price, uniqueEmail(`storm-${name}`), options);

	const trialEnded = await join('trial-ended', { trialDays: 7 });
	await advanceClock(trialEnded.clock, trialEnded.start + 8 * DAY);

	const inGrace = await join('in-grace', { trialDays: 3, card: '4000000000000341' });
	await advanceClock(inGrace.clock, inGrace.start + 3 * DAY + 2 * 3600);

	const pastGrace = await join('past-grace', { trialDays: 3, card: '4000000000000341' });
	await advanceClock(pastGrace.clock, pastGrace.start + 12 * DAY + 2 * 3600);

	const renewalFailed = await join('renewal-failed');
	await failFutureCharges(renewalFailed.customer, renewalFailed.subscription);
	await advanceClock(renewalFailed.clock, renewalFailed.start + 32 * DAY);

	const fixed = await join('fixed', { trialDays: 3, card: '4000000000000341' });
	await advanceClock(fixed.clock, fixed.start + 3 * DAY + 2 * 3600);
	const card = await stripe.paymentMethods.attach('pm_card_visa', { customer: fixed.customer });
	await stripe.subscriptions.update(fixed.subscription, { default_payment_method: card.id });
	const [open] = (await stripe.invoices.list({ subscription: fixed.subscription, status: 'open' }))
		.data;
	await stripe.invoices.pay(open.id, { payment_method: card.id });

	const endedAtPeriodEnd = await join('period-end');
	await stripe.subscriptions.update(endedAtPeriodEnd.subscription, { cancel_at_period_end: true });
	await advanceClock(endedAtPeriodEnd.clock, endedAtPeriodEnd.start + 32 * DAY);

	const toEnd = await join('to-end');
	await stripe.subscriptions.update(toEnd.subscription, { cancel_at_period_end: true });

	const canceled = await join('canceled');
	await stripe.subscriptions.cancel(canceled.subscription);

	const yearly = await join('yearly', {}, plan.yearly.stripePriceId);
	const trialing = await join('trialing', { trialDays: 14 });
	return [
		trialEnded,
		inGrace,
		pastGrace,
		renewalFailed,
		fixed,
		endedAtPeriodEnd,
		toEnd,
		canceled,
		yearly,
		trialing
	];
}

/** Every event the webhook takes that names one of the members' subscriptions or checkouts. */
async function eventsAbout(ids: string[], since: number) {
	const found: Stripe.Event[] = [];
	for await (const event of stripe.events.list({
		types: [...HANDLED_EVENT_TYPES],
		created: { gte: since },
		limit: 100
	})) {
		const body = JSON.stringify(event.data.object);
		if (ids.some((id) => body.includes(id))) found.push(event);
	}
	return found.reverse();
}

it('100 shuffled and duplicated subscription and invoice deliveries end in the state Stripe holds', async () => {
	const since = Math.floor(Date.now() / 1000) - 1;
	const joined = await members();
	await control('webhooks/drop');
	const events = await eventsAbout(
		joined.flatMap((m) => [m.subscription, m.session]),
		since
	);
	const types = new Set(events.map((e) => e.type));
	for (const type of [
		'checkout.session.completed',
		'customer.subscription.created',
		'customer.subscription.updated',
		'customer.subscription.deleted',
		'invoice.paid',
		'invoice.payment_failed'
	])
		expect(types).toContain(type);
	expect(events.length).toBeLessThanOrEqual(DELIVERIES);

	const copies = Array.from({ length: DELIVERIES }, (_, i) => events[i % events.length]);
	const order = fc.sample(fc.shuffledSubarray(copies, { minLength: DELIVERIES }), {
		seed: 13,
		numRuns: 1
	})[0];
	const statuses: number[] = [];
	let next = 0;
	await Promise.all(
		Array.from({ length: 10 }, async () => {
			while (next < order.length) {
				const event = order[next++];
				statuses.push((await deliver(JSON.stringify(event))).status);
			}
		})
	);
	expect(statuses.filter((s) => s !== 200)).toEqual([]);

	const access: Record<string, boolean> = {};
	for (const member of joined) {
		const truth = await stripeMembership(member.subscription);
		const { userId, ...held } = await storeMembership(sql, member.subscription);
		expect(held, member.subscription).toEqual(truth);
		access[truth.status + (truth.access ? '+access' : '')] = truth.access;
		// An account exists for everyone whose membership ever opened the catalogue as seen here.
		if (truth.access) expect(userId).not.toBeNull();
	}
	// The scenarios cover each way in and out of access.
	expect(access).toEqual({
		'active+access': true,
		'past_due+access': true,
		past_due: false,
		canceled: false,
		'trialing+access': true
	});
	// Each welcome queued once (keyed by its checkout), whatever the number of copies.
	const [{ welcomes, checkouts }] = await sql<{ welcomes: number; checkouts: number }[]>`
		select count(*)::int as welcomes, count(distinct key)::int as checkouts from public.email_outbox
		where kind = 'membership' and key in ${sql(joined.map((m) => m.session))}`;
	expect(welcomes).toBe(checkouts);
});
