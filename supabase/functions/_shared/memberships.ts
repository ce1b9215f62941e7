// Memberships kept from Stripe's subscription object: whatever event brings it, the store asks
// Stripe for the subscription as it is now and copies it whole (`public.sync_membership`), so the
// order events arrive in never matters. The account comes after the subscription is recorded:
// created on the first trialing or active subscription, scoped to its checkout until the address
// is proven. Unlike a purchase's, it is made in the delivery (docs/architecture.md, Membership).
import type { TransactionSql } from 'postgres';
import type Stripe from 'stripe';
import { ensureBuyer, type Buyer, type FulfilmentDeps } from './fulfilment.ts';
import { asServiceRole } from './service-role.ts';

export type MembershipStatus = Stripe.Subscription.Status;

/** Whether a membership opens the catalogue (the SQL rule `membership_grants_access`, in TS). */
export const grantsAccess = (status: string, graceUntil: Date | null, now = new Date()) =>
	status === 'trialing' ||
	status === 'active' ||
	(status === 'past_due' && graceUntil !== null && graceUntil > now);

/** The statuses a member reads in (past due: within the grace period). */
const opensCatalogue = (status: string | null) =>
	status === 'trialing' || status === 'active' || status === 'past_due';

/** What a change of status did to the member's access, for the audit log. */
export function membershipOutcome(previous: string | null, next: string) {
	const before = opensCatalogue(previous);
	const after = opensCatalogue(next);
	if (previous === null) return after ? 'fulfilled' : 'unchanged';
	if (before === after) return 'unchanged';
	return after ? 'restored' : 'revoked';
}

const seconds = (value: number | null | undefined) =>
	value === null || value === undefined ? null : new Date(value * 1000);

/** When the unpaid invoice was first tried (finalized and charged at once), if it is expanded. */
function firstFailedAttempt(subscription: Stripe.Subscription) {
	const invoice = subscription.latest_invoice;
	return invoice && typeof invoice === 'object' && invoice.status === 'open'
		? seconds(invoice.status_transitions.finalized_at)
		: null;
}

/** The fields the store keeps of a subscription (its current period is on its items). */
export function subscriptionFacts(subscription: Stripe.Subscription, now = Date.now()) {
	const item = subscription.items.data[0];
	const customer = subscription.customer;
	const clock = subscription.test_clock;
	return {
		// Stripe's "now" for this subscription: its test clock's time, when it has one.
		stripeNow: new Date(clock && typeof clock === 'object' ? clock.frozen_time * 1000 : now),
		subscriptionId: subscription.id,
		customerId: typeof customer === 'string' ? customer : customer.id,
		email:
			typeof customer === 'object' && 'email' in customer
				? (customer.email ?? '').toLowerCase()
				: '',
		priceId: item?.price.id ?? '',
		status: subscription.status,
		currentPeriodEnd: seconds(item?.current_period_end),
		trialEnd: seconds(subscription.trial_end),
		cancelAtPeriodEnd: subscription.cancel_at_period_end,
		endedAt: seconds(subscription.ended_at),
		pastDueSince: subscription.status === 'past_due' ? firstFailedAttempt(subscription) : null,
		// The store's Checkout marks the subscriptions it starts (membershipCheckoutParams).
		startedByStoreCheckout: Boolean(subscription.metadata?.plan_price_id)
	};
}

export type SubscriptionFacts = ReturnType<typeof subscriptionFacts>;

export interface Synced {
	userId: string | null;
	previousStatus: string | null;
	status: string;
}

/** Copies the subscription, in the caller's transaction. */
export async function syncMembership(
	tx: TransactionSql,
	facts: SubscriptionFacts,
	{ checkoutSessionId, graceDays }: { checkoutSessionId: string | null; graceDays: number }
): Promise<Synced> {
	const [row] = await tx<
		{ user_id: string | null; previous_status: string | null; status: string }[]
	>`
		select * from public.sync_membership(${facts.subscriptionId}, ${facts.customerId}, ${facts.email},
			${facts.priceId}, ${facts.status}, ${facts.currentPeriodEnd}, ${facts.trialEnd},
			${facts.cancelAtPeriodEnd}, ${facts.endedAt}, ${checkoutSessionId},
			${`${graceDays} days`}::interval, ${facts.pastDueSince}, ${facts.stripeNow})`;
	return { userId: row.user_id, previousStatus: row.previous_status, status: row.status };
}

/**
 * The member's account: the linked one, or, for a membership that may open the catalogue, a new one for
 * the address (remembering the checkout that created it), linked to everything of that address.
 */
export async function ensureMember(
	deps: FulfilmentDeps,
	facts: SubscriptionFacts,
	synced: Synced,
	checkoutSessionId: string | null
): Promise<Buyer | null> {
	if (synced.userId) {
		const [row] = await deps.sql<{ created_by_checkout: string | null }[]>`
			select raw_app_meta_data ->> 'created_by_checkout' as created_by_checkout
			from auth.users where id = ${synced.userId}`;
		return { id: synced.userId, createdByCheckout: row?.created_by_checkout ?? null };
	}
	if (!facts.email || !opensCatalogue(facts.status)) return null;
	// A subscription the store's Checkout started gets its account from that checkout (its
	// completion, or the member's return), which remembers the checkout: only then may the return
	// log the paying browser in. Its `customer.subscription.created` often comes first; an account
	// made from it would remember no checkout, and the member would be told to check their email.
	if (!checkoutSessionId && facts.startedByStoreCheckout) return null;
	return ensureBuyer(deps, facts.email, null, checkoutSessionId);
}

/** Retrieves the subscription (with its customer, for the address) and copies it. */
export async function recordSubscription(
	deps: FulfilmentDeps & { stripe: Stripe },
	subscriptionId: string,
	options: { checkoutSessionId: string | null; graceDays: number },
	before?: (tx: TransactionSql) => Promise<unknown>
) {
	const subscription = await deps.stripe.subscriptions.retrieve(subscriptionId, {
		expand: ['customer', 'test_clock', 'latest_invoice']
	});
	const facts = subscriptionFacts(subscription);
	const synced = await asServiceRole(deps.sql, async (tx) => {
		await before?.(tx);
		return syncMembership(tx, facts, options);
	});
	const member = await ensureMember(deps, facts, synced, options.checkoutSessionId);
	return { facts, synced, member };
}

/**
 * A membership's checkout, completed: its subscription copied and tied to the checkout (so a
 * session scoped to that checkout sees it), the member's account ensured, and the welcome email
 * (the link and the code) queued once, waiting for the member's return like a purchase's.
 */
export async function joinFromCheckout(
	deps: FulfilmentDeps & { stripe: Stripe },
	session: Stripe.Checkout.Session,
	{ graceDays, paidAt }: { graceDays: number; paidAt: Date },
	before?: (tx: TransactionSql) => Promise<unknown>
) {
	const ref = session.subscription;
	const subscriptionId = typeof ref === 'string' ? ref : ref?.id;
	if (session.mode !== 'subscription' || session.status !== 'complete' || !subscriptionId) {
		return undefined;
	}
	const recorded = await recordSubscription(
		deps,
		subscriptionId,
		{ checkoutSessionId: session.id, graceDays },
		before
	);
	if (recorded.member) {
		await asServiceRole(
			deps.sql,
			(tx) => tx`select public.queue_email(${session.id}, 'membership', ${recorded.facts.email},
				${subscriptionId}, ${paidAt})`
		);
	}
	return { ...recorded, subscriptionId };
}
