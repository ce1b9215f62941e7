// Applies a verified, well-formed Stripe event, once, from the state Stripe holds now: shared by
// the webhook and reconciliation (which replays the events the webhook missed). Every step is
// idempotent, so a redelivery, a retry after a failure half-way, fifty concurrent copies or a
// reconciliation racing the webhook change nothing more; an event that cannot be valid is refused
// before anything is written. The event's row in stripe_events is the seller's audit log.
import type { Sql, TransactionSql } from 'postgres';
import Stripe from 'stripe';
import { checkoutState } from './checkout.ts';
import { UNKNOWN_PRODUCT, type FulfilmentDeps } from './fulfilment.ts';
import type { Returned } from './rows.ts';
import { joinFromCheckout, membershipOutcome, recordSubscription } from './memberships.ts';
import { asServiceRole } from './service-role.ts';
import {
	purchaseStatus,
	type MemberNotice,
	type ParsedEvent,
	type PurchaseStatus,
	type StripeEvent
} from './stripe-events.ts';

export interface EventDeps extends FulfilmentDeps {
	stripe: Stripe;
	/** How long a past-due membership keeps its access (the store's configuration). */
	graceDays: number;
}

/** What an event did (stored as the audit log's outcome, except `duplicate` and `invalid`). */
export type Outcome =
	| 'duplicate'
	| 'fulfilled'
	| 'already-fulfilled'
	| 'revoked'
	| 'restored'
	| 'unchanged'
	| 'ignored'
	/** A change made by reconciliation: what the webhook missed. */
	| 'reconciled'
	/** Stripe's own object can never be one of our purchases (e.g. an unknown product): 400. */
	| 'invalid';

export interface Result {
	outcome: Outcome;
	detail?: string;
}

export interface ProcessOptions {
	/** Reconciliation: a change is recorded as `reconciled`, saying what it did. */
	reconciling?: boolean;
}

type Parsed = Extract<ParsedEvent, { ok: true }>;

const changes = new Set<Outcome>(['fulfilled', 'revoked', 'restored']);

/** An outcome that changed what someone owns. */
export const isChange = (outcome: Outcome) => changes.has(outcome);

async function alreadyProcessed(sql: Sql, id: string) {
	const rows =
		await sql`select 1 from public.stripe_events where id = ${id} and processed_at is not null`;
	return rows.length > 0;
}

async function recordEvent(tx: TransactionSql, event: StripeEvent) {
	await tx`select public.record_stripe_event(${event.id}, ${event.type}, ${event.livemode},
		${tx.json(event as Parameters<typeof tx.json>[0])})`;
}

function markProcessed(tx: TransactionSql, id: string, result: Result, options: ProcessOptions) {
	const reconciled = options.reconciling && changes.has(result.outcome);
	const outcome = reconciled ? 'reconciled' : result.outcome;
	const detail = reconciled ? `${result.outcome}: ${result.detail ?? ''}` : (result.detail ?? null);
	return tx`select public.mark_stripe_event_processed(${id}, ${outcome}, ${detail})`;
}

const isMissing = (error: unknown) =>
	error instanceof Stripe.errors.StripeInvalidRequestError && error.statusCode === 404;

interface PaymentState {
	status: PurchaseStatus;
	amountRefunded: number;
}

/** A payment's state at Stripe: its latest charge (refunded?) and, if disputed, its disputes. */
async function paymentState(
	stripe: Stripe,
	charge: Stripe.Charge | null,
	paymentIntentId: string
): Promise<PaymentState> {
	const disputes = charge?.disputed
		? (await stripe.disputes.list({ payment_intent: paymentIntentId, limit: 100 })).data
		: [];
	return { status: purchaseStatus(charge, disputes), amountRefunded: charge?.amount_refunded ?? 0 };
}

const latestCharge = (intent: string | Stripe.PaymentIntent | null) =>
	intent && typeof intent === 'object' && typeof intent.latest_charge === 'object'
		? intent.latest_charge
		: null;

const settle = (tx: TransactionSql, intentId: string, state: PaymentState) =>
	tx<{ changed: number }[]>`
		select public.settle_purchase(${intentId}, ${state.status}, ${state.amountRefunded}) as changed`;

/** Thrown where there is nothing to do: the event is recorded as ignored, with why. */
class Ignored {
	readonly detail: string;
	constructor(detail: string) {
		this.detail = detail;
	}
}

/** Records an event that asks nothing of the store, with why. */
async function ignore(
	deps: EventDeps,
	event: StripeEvent,
	detail: string,
	options: ProcessOptions
) {
	const result: Result = { outcome: 'ignored', detail };
	await asServiceRole(deps.sql, async (tx) => {
		await recordEvent(tx, event);
		await markProcessed(tx, event.id, result, options);
	});
	return result;
}

async function fulfil(
	deps: EventDeps,
	event: StripeEvent,
	sessionId: string,
	options: ProcessOptions
) {
	let session: Stripe.Checkout.Session;
	try {
		session = await deps.stripe.checkout.sessions.retrieve(sessionId, {
			expand: ['payment_intent.latest_charge']
		});
	} catch (error) {
		if (isMissing(error)) throw new Ignored(`Stripe does not know ${sessionId}`);
		throw error;
	}
	if (session.mode === 'subscription') return joinMembership(deps, event, session, options);
	const state = checkoutState(session);
	if (state.status === 'invalid') return { outcome: 'invalid', detail: state.reason } as const;
	if (state.status !== 'paid') throw new Ignored(`checkout ${state.status}`);
	const { checkout } = state;
	// A refund or dispute may have come first (events arrive in any order): the purchase is
	// recorded with the state the payment has now.
	const payment = checkout.paymentIntentId
		? await paymentState(
				deps.stripe,
				latestCharge(session.payment_intent),
				checkout.paymentIntentId
			)
		: null;
	// The event, the purchase and its outcome are recorded together, or none of them, in one
	// call. The buyer's account is not made here: creating one costs Supabase Auth a bcrypt hash,
	// which would bound the deliveries. It is made where it is needed: the buyer's return, the
	// purchase email (outbox.ts), a login request.
	const paid: PaymentState = payment ?? { status: 'paid', amountRefunded: 0 };
	try {
		const [row] = await asServiceRole(
			deps.sql,
			(tx) => tx<Pick<Returned<'record_checkout_completion'>, 'outcome' | 'detail'>[]>`
				select outcome, detail from public.record_checkout_completion(${event.id}, ${event.type},
					${event.livemode}, ${tx.json(event as Parameters<typeof tx.json>[0])},
					${checkout.sessionId}, ${checkout.productId}, ${checkout.email},
					${checkout.amountTotal}, ${checkout.currency}, ${checkout.paymentIntentId},
					${new Date(event.created * 1000)}, ${paid.status}, ${paid.amountRefunded},
					${Boolean(options.reconciling)})`
		);
		return { outcome: row.outcome as 'fulfilled' | 'already-fulfilled', detail: row.detail };
	} catch (error) {
		if ((error as { code?: string }).code === UNKNOWN_PRODUCT) {
			return { outcome: 'invalid', detail: `unknown product ${checkout.productId}` } as const;
		}
		throw error;
	}
}

async function settlePayment(
	deps: EventDeps,
	event: StripeEvent,
	intentId: string,
	options: ProcessOptions
): Promise<Result> {
	let state: PaymentState;
	try {
		const intent = await deps.stripe.paymentIntents.retrieve(intentId, {
			expand: ['latest_charge']
		});
		state = await paymentState(deps.stripe, latestCharge(intent), intentId);
	} catch (error) {
		if (isMissing(error)) throw new Ignored(`Stripe does not know ${intentId}`);
		throw error;
	}
	return asServiceRole(deps.sql, async (tx) => {
		await recordEvent(tx, event);
		const [{ changed }] = await settle(tx, intentId, state);
		const result: Result = {
			outcome: changed === 0 ? 'unchanged' : state.status === 'paid' ? 'restored' : 'revoked',
			detail: `payment ${intentId} is ${state.status}${state.amountRefunded ? `, ${state.amountRefunded} refunded` : ''}`
		};
		await markProcessed(tx, event.id, result, options);
		return result;
	});
}

const queueNotice = (
	tx: TransactionSql,
	key: string,
	kind: MemberNotice,
	email: string,
	about: string
) => tx`select public.queue_email(${key}, ${kind}, ${email}, ${about})`;

/** A membership's checkout: the subscription it started, tied to it (scoped sessions, welcome). */
async function joinMembership(
	deps: EventDeps,
	event: StripeEvent,
	session: Stripe.Checkout.Session,
	options: ProcessOptions
): Promise<Result> {
	const joined = await joinFromCheckout(
		deps,
		session,
		{ graceDays: deps.graceDays, paidAt: new Date(event.created * 1000) },
		(tx) => recordEvent(tx, event)
	);
	if (!joined) throw new Ignored(`membership checkout ${session.status}`);
	const result: Result = {
		outcome: membershipOutcome(joined.synced.previousStatus, joined.synced.status),
		detail: `membership ${joined.subscriptionId} is ${joined.synced.status}`
	};
	await asServiceRole(deps.sql, (tx) => markProcessed(tx, event.id, result, options));
	return result;
}

/** Whether Stripe's state still calls for a notice (a late event must not email old news). */
const noticeStillTrue: Record<MemberNotice, (status: string) => boolean> = {
	trial_ending: (status) => status === 'trialing',
	payment_failed: (status) =>
		status === 'past_due' || status === 'unpaid' || status === 'incomplete',
	membership_ended: (status) =>
		status === 'canceled' || status === 'incomplete_expired' || status === 'unpaid'
};

/** Any event of a subscription: copy it as Stripe holds it now, and email what it calls for. */
async function syncSubscription(
	deps: EventDeps,
	event: StripeEvent,
	subscriptionId: string,
	notice: MemberNotice | undefined,
	options: ProcessOptions
): Promise<Result> {
	let recorded;
	try {
		recorded = await recordSubscription(
			deps,
			subscriptionId,
			{ checkoutSessionId: null, graceDays: deps.graceDays },
			(tx) => recordEvent(tx, event)
		);
	} catch (error) {
		if (isMissing(error)) throw new Ignored(`Stripe does not know ${subscriptionId}`);
		throw error;
	}
	const { facts, synced, member } = recorded;
	const result: Result = {
		outcome: membershipOutcome(synced.previousStatus, synced.status),
		detail: `membership ${subscriptionId} is ${synced.status}`
	};
	await asServiceRole(deps.sql, async (tx) => {
		if (notice && member && noticeStillTrue[notice](synced.status)) {
			await queueNotice(tx, event.id, notice, facts.email, subscriptionId);
		}
		await markProcessed(tx, event.id, result, options);
	});
	return result;
}

export async function processEvent(
	deps: EventDeps,
	{ event, trigger }: Parsed,
	options: ProcessOptions = {}
): Promise<Result> {
	if (await alreadyProcessed(deps.sql, event.id)) {
		await asServiceRole(
			deps.sql,
			(tx) => tx`select public.count_stripe_event_delivery(${event.id})`
		);
		return { outcome: 'duplicate' };
	}
	try {
		if (trigger.kind === 'checkout') return await fulfil(deps, event, trigger.sessionId, options);
		if (trigger.kind === 'payment')
			return await settlePayment(deps, event, trigger.paymentIntentId, options);
		if (trigger.kind === 'subscription') {
			return await syncSubscription(deps, event, trigger.subscriptionId, trigger.notice, options);
		}
		return await ignore(deps, event, trigger.reason, options);
	} catch (error) {
		if (error instanceof Ignored) return ignore(deps, event, error.detail, options);
		// Recorded for the seller, then answered 5xx: Stripe retries.
		await asServiceRole(
			deps.sql,
			(tx) => tx`select public.fail_stripe_event(${event.id}, ${event.type}, ${event.livemode},
				${tx.json(event as Parameters<typeof tx.json>[0])}, ${String((error as Error).message ?? error)})`
		).catch(() => {});
		throw error;
	}
}
