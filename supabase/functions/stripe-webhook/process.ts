// Applies a verified, well-formed Stripe event, once, from the state Stripe holds now. Every step
// is idempotent, so a redelivery, a retry after a failure half-way, or fifty concurrent copies
// change nothing more; an event that cannot be valid is refused before anything is written.
import type { Sql, TransactionSql } from 'postgres';
import Stripe from 'stripe';
import { checkoutState } from '../_shared/checkout.ts';
import {
	ensureBuyer,
	recordCheckout,
	UNKNOWN_PRODUCT,
	type FulfilmentDeps
} from '../_shared/fulfilment.ts';
import { asServiceRole } from '../_shared/service-role.ts';
import {
	purchaseStatus,
	type ParsedEvent,
	type PurchaseStatus,
	type StripeEvent
} from '../_shared/stripe-events.ts';

export interface WebhookDeps extends FulfilmentDeps {
	stripe: Stripe;
}

export type Outcome =
	| 'duplicate'
	| 'fulfilled'
	| 'already-fulfilled'
	| 'revoked'
	| 'restored'
	| 'unchanged'
	| 'ignored'
	/** Stripe's own object can never be one of our purchases (e.g. an unknown product): 400. */
	| 'invalid';

export interface Result {
	outcome: Outcome;
	detail?: string;
}

const alreadyProcessed = async (sql: Sql, id: string) =>
	(await sql`select 1 from public.stripe_events where id = ${id} and processed_at is not null`)
		.length > 0;

async function recordEvent(tx: TransactionSql, event: StripeEvent) {
	await tx`select public.record_stripe_event(${event.id}, ${event.type}, ${event.livemode},
		${tx.json(event as Parameters<typeof tx.json>[0])})`;
}

const markProcessed = (tx: TransactionSql, id: string, { outcome, detail }: Result) =>
	tx`select public.mark_stripe_event_processed(${id}, ${outcome}, ${detail ?? null})`;

/** Records an event that asks nothing of the store, with why. */
async function ignore(deps: WebhookDeps, event: StripeEvent, detail: string): Promise<Result> {
	const result: Result = { outcome: 'ignored', detail };
	await asServiceRole(deps.sql, async (tx) => {
		await recordEvent(tx, event);
		await markProcessed(tx, event.id, result);
	});
	return result;
}

const isMissing = (error: unknown) =>
	error instanceof Stripe.errors.StripeInvalidRequestError && error.statusCode === 404;

async function fulfil(deps: WebhookDeps, event: StripeEvent, sessionId: string): Promise<Result> {
	let session: Stripe.Checkout.Session;
	try {
		session = await deps.stripe.checkout.sessions.retrieve(sessionId);
	} catch (error) {
		if (isMissing(error)) return ignore(deps, event, `Stripe does not know ${sessionId}`);
		throw error;
	}
	const state = checkoutState(session);
	if (state.status === 'invalid') return { outcome: 'invalid', detail: state.reason };
	if (state.status !== 'paid') return ignore(deps, event, `checkout ${state.status}`);
	const { checkout } = state;
	let recorded;
	try {
		// The event and the purchase are recorded together, or neither.
		recorded = await asServiceRole(deps.sql, async (tx) => {
			await recordEvent(tx, event);
			return recordCheckout(tx, checkout);
		});
	} catch (error) {
		if ((error as { code?: string }).code === UNKNOWN_PRODUCT) {
			return { outcome: 'invalid', detail: `unknown product ${checkout.productId}` };
		}
		throw error;
	}
	// The account comes after the purchase: a failure here is answered 5xx and retried.
	await ensureBuyer(deps, checkout.email, recorded, checkout.sessionId);
	const result: Result = {
		outcome: recorded.first ? 'fulfilled' : 'already-fulfilled',
		detail: `purchase ${recorded.purchaseId}`
	};
	await asServiceRole(deps.sql, (tx) => markProcessed(tx, event.id, result));
	return result;
}

/** The status a payment's purchase must have, from its charge and disputes at Stripe now. */
async function currentStatus(stripe: Stripe, paymentIntentId: string): Promise<PurchaseStatus> {
	const [intent, disputes] = await Promise.all([
		stripe.paymentIntents.retrieve(paymentIntentId, { expand: ['latest_charge'] }),
		stripe.disputes.list({ payment_intent: paymentIntentId, limit: 100 })
	]);
	const charge = typeof intent.latest_charge === 'object' ? intent.latest_charge : null;
	return purchaseStatus(charge, disputes.data);
}

async function settle(deps: WebhookDeps, event: StripeEvent, intentId: string): Promise<Result> {
	let status: PurchaseStatus;
	try {
		status = await currentStatus(deps.stripe, intentId);
	} catch (error) {
		if (isMissing(error)) return ignore(deps, event, `Stripe does not know ${intentId}`);
		throw error;
	}
	return asServiceRole(deps.sql, async (tx) => {
		await recordEvent(tx, event);
		const [{ changed }] = await tx<{ changed: number }[]>`
			select public.set_purchase_status(${intentId}, ${status}) as changed`;
		const result: Result = {
			outcome: changed === 0 ? 'unchanged' : status === 'paid' ? 'restored' : 'revoked',
			detail: `payment ${intentId} is ${status}`
		};
		await markProcessed(tx, event.id, result);
		return result;
	});
}

export async function processEvent(
	deps: WebhookDeps,
	parsed: Extract<ParsedEvent, { ok: true }>
): Promise<Result> {
	const { event, trigger } = parsed;
	if (await alreadyProcessed(deps.sql, event.id)) return { outcome: 'duplicate' };
	switch (trigger.kind) {
		case 'checkout':
			return fulfil(deps, event, trigger.sessionId);
		case 'payment':
			return settle(deps, event, trigger.paymentIntentId);
		case 'ignore':
			return ignore(deps, event, trigger.reason);
	}
}
