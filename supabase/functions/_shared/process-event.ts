// Applies a verified, well-formed Stripe event, once, from the state Stripe holds now: shared by
// the webhook and reconciliation (which replays the events the webhook missed). Every step is
// idempotent, so a redelivery, a retry after a failure half-way, fifty concurrent copies or a
// reconciliation racing the webhook change nothing more; an event that cannot be valid is refused
// before anything is written. The event's row in stripe_events is the seller's audit log.
import type { Sql, TransactionSql } from 'postgres';
import Stripe from 'stripe';
import { checkoutState } from './checkout.ts';
import { ensureBuyer, recordCheckout, UNKNOWN_PRODUCT, type FulfilmentDeps } from './fulfilment.ts';
import type { Returns } from './rows.ts';
import { asServiceRole } from './service-role.ts';
import {
	purchaseStatus,
	type ParsedEvent,
	type PurchaseStatus,
	type StripeEvent
} from './stripe-events.ts';

export interface EventDeps extends FulfilmentDeps {
	stripe: Stripe;
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
	tx<{ changed: Returns<'settle_purchase'> }[]>`
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
	let recorded;
	try {
		// The event and the purchase are recorded together, or neither.
		recorded = await asServiceRole(deps.sql, async (tx) => {
			await recordEvent(tx, event);
			const purchase = await recordCheckout(tx, checkout, new Date(event.created * 1000));
			if (payment && (payment.status !== 'paid' || payment.amountRefunded > 0)) {
				await settle(tx, checkout.paymentIntentId!, payment);
			}
			return purchase;
		});
	} catch (error) {
		if ((error as { code?: string }).code === UNKNOWN_PRODUCT) {
			return { outcome: 'invalid', detail: `unknown product ${checkout.productId}` } as const;
		}
		throw error;
	}
	// The account comes after the purchase: a failure here is answered 5xx and retried.
	await ensureBuyer(deps, checkout.email, recorded, checkout.sessionId);
	const result: Result = {
		outcome: recorded.first ? 'fulfilled' : 'already-fulfilled',
		detail: `purchase ${recorded.purchaseId}${payment && payment.status !== 'paid' ? ` (${payment.status})` : ''}`
	};
	await asServiceRole(deps.sql, (tx) => markProcessed(tx, event.id, result, options));
	return result;
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
