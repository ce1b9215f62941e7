// Reconciliation: what the webhook missed (an outage longer than Stripe's three days of retries, a
// wrong signing secret, a deleted endpoint), repaired from Stripe's own lists. It replays the
// events Stripe still lists (30 days) through the webhook's own processing, so it is idempotent
// and safe beside live deliveries, then looks for paid Checkout Sessions without a purchase
// (older events), and finally sends the purchase emails that came due, once. Used by
// `npm run reconcile` and by the `reconcile` function that production runs on a schedule.
import type Stripe from 'stripe';
import { checkoutState } from './checkout.ts';
import { subscriptionFacts } from './memberships.ts';
import { isChange, processEvent, type EventDeps } from './process-event.ts';
import { sendDueEmails, type OutboxDeps } from './outbox.ts';
import { asServiceRole } from './service-role.ts';
import { HANDLED_EVENT_TYPES, parseEvent } from './stripe-events.ts';

export type ReconcileDeps = EventDeps & OutboxDeps;

export interface Change {
	event: string;
	type: string;
	detail: string;
}

export interface ReconcileReport {
	since: Date;
	/** Events and sessions looked at. */
	checked: number;
	changes: Change[];
	emailsSent: number;
}

export interface ReconcileOptions {
	since: Date;
	trigger: 'command' | 'function';
	returnWindowSeconds: number;
	log?: (line: string) => void;
}

/** `3d`, `12h`, `90m` or an ISO date: the start of the window. */
export function parseSince(value: string, now = Date.now()): Date | undefined {
	const relative = /^(\d{1,4})([dhm])$/.exec(value.trim());
	if (relative) {
		const unit = { d: 86_400_000, h: 3_600_000, m: 60_000 }[relative[2] as 'd' | 'h' | 'm'];
		return new Date(now - Number(relative[1]) * unit);
	}
	const date = new Date(value);
	return Number.isNaN(date.getTime()) || date.getTime() > now ? undefined : date;
}

const seconds = (date: Date) => Math.floor(date.getTime() / 1000);

/** Every event Stripe lists for the window whose types the webhook handles, oldest first. */
async function listedEvents(stripe: Stripe, since: Date) {
	const events: Stripe.Event[] = [];
	for (const type of ['checkout.session.*', 'charge.*', 'customer.subscription.*', 'invoice.*']) {
		for await (const event of stripe.events.list({
			type,
			created: { gte: seconds(since) },
			limit: 100
		})) {
			if ((HANDLED_EVENT_TYPES as readonly string[]).includes(event.type)) events.push(event);
		}
	}
	return events.sort((a, b) => a.created - b.created || a.id.localeCompare(b.id));
}

/** Paid Checkout Sessions of the window that have no purchase (their events are gone or filtered). */
async function unrecordedSessions(deps: ReconcileDeps, since: Date) {
	const found: Stripe.Checkout.Session[] = [];
	for await (const session of deps.stripe.checkout.sessions.list({
		status: 'complete',
		created: { gte: seconds(since) },
		limit: 100
	})) {
		// One-off purchases; a membership's checkout is caught through its subscription.
		if (checkoutState(session).status === 'paid') found.push(session);
	}
	if (found.length === 0) return [];
	const recorded = new Set(
		(
			await deps.sql<{ id: string }[]>`
				select stripe_checkout_session_id as id from public.purchases
				where stripe_checkout_session_id in ${deps.sql(found.map((s) => s.id))}`
		).map((r) => r.id)
	);
	return found.filter((s) => !recorded.has(s.id));
}

/** Subscriptions whose state at Stripe the store does not hold (their events missed or gone). */
async function driftedSubscriptions(deps: ReconcileDeps) {
	const found: Stripe.Subscription[] = [];
	for await (const subscription of deps.stripe.subscriptions.list({ status: 'all', limit: 100 })) {
		found.push(subscription);
	}
	if (found.length === 0) return [];
	const held = new Map(
		(
			await deps.sql<{ id: string; state: string }[]>`
				select stripe_subscription_id as id,
					concat_ws('|', status, extract(epoch from current_period_ends_at)::bigint, cancel_at_period_end::text) as state
				from public.memberships
				where stripe_subscription_id in ${deps.sql(found.map((s) => s.id))}`
		).map((r) => [r.id, r.state])
	);
	return found.filter((s) => held.get(s.id) !== heldState(s));
}

/** What the store must hold of a subscription, in the form the query above reads it. */
function heldState(subscription: Stripe.Subscription) {
	const facts = subscriptionFacts(subscription);
	const periodEnd = facts.currentPeriodEnd && facts.currentPeriodEnd.getTime() / 1000;
	return [facts.status, periodEnd, facts.cancelAtPeriodEnd].filter((x) => x !== null).join('|');
}

/** An update event for a subscription the store must catch up with, under a `reconcile_` id. */
const syntheticUpdate = (subscription: Stripe.Subscription) => ({
	id: `reconcile_${subscription.id}_${Date.now()}`,
	object: 'event',
	type: 'customer.subscription.updated',
	livemode: subscription.livemode,
	created: Math.floor(Date.now() / 1000),
	data: { object: subscription }
});

/** A completion event for a session Stripe no longer lists one for, under a `reconcile_` id. */
const syntheticCompletion = (session: Stripe.Checkout.Session) => ({
	id: `reconcile_${session.id}`,
	object: 'event',
	type: 'checkout.session.completed',
	livemode: session.livemode,
	created: session.created,
	data: { object: session }
});

export async function reconcile(
	deps: ReconcileDeps,
	options: ReconcileOptions
): Promise<ReconcileReport> {
	const log = options.log ?? (() => {});
	const [run] = await asServiceRole(
		deps.sql,
		(tx) => tx<{ id: number }[]>`insert into public.reconcile_runs (since, trigger)
			values (${options.since}, ${options.trigger}) returning id`
	);
	const report: ReconcileReport = { since: options.since, checked: 0, changes: [], emailsSent: 0 };
	const apply = async (body: unknown) => {
		report.checked++;
		const parsed = parseEvent(body);
		if (!parsed.ok) return log(`skipped an event: ${parsed.reason}`);
		const result = await processEvent(deps, parsed, { reconciling: true });
		if (result.outcome === 'invalid') return log(`skipped ${parsed.event.id}: ${result.detail}`);
		if (isChange(result.outcome)) {
			const change = {
				event: parsed.event.id,
				type: parsed.event.type,
				detail: result.detail ?? ''
			};
			report.changes.push(change);
			log(`${change.type} ${change.event}: ${change.detail}`);
		}
	};
	let error: string | null = null;
	try {
		for (const event of await listedEvents(deps.stripe, options.since)) await apply(event);
		for (const session of await unrecordedSessions(deps, options.since)) {
			await apply(syntheticCompletion(session));
		}
		for (const subscription of await driftedSubscriptions(deps)) {
			await apply(syntheticUpdate(subscription));
		}
		report.emailsSent = await sendDueEmails(deps, `reconcile:${run.id}`, {
			returnWindowSeconds: options.returnWindowSeconds
		});
	} catch (cause) {
		error = (cause as Error).message ?? String(cause);
		throw cause;
	} finally {
		await asServiceRole(
			deps.sql,
			(tx) => tx`update public.reconcile_runs
				set finished_at = now(), checked = ${report.checked},
					changes = ${tx.json(report.changes as unknown as Parameters<typeof tx.json>[0])},
					error = ${error}
				where id = ${run.id}`
		);
	}
	return report;
}
