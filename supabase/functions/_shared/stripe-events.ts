// What a Stripe event asks of the store, decided without I/O (tests/unit/stripe-events.test.ts).
// The event is only a trigger: its body is checked for shape, then the webhook asks Stripe for
// the object's current state and acts on that (a forged or stale body can never grant access,
// and events may arrive in any order).
import type Stripe from 'stripe';
import { z } from 'zod';
import { isCheckoutSessionId, isKnownCurrency, uuidPattern } from './checkout.ts';

const id = (prefix: string) =>
	z.string().regex(new RegExp(`^${prefix}_[A-Za-z0-9_]{1,250}$`), `an id starting ${prefix}_`);

const envelope = z.object({
	// `reconcile_…`: a completion reconciliation writes for a session Stripe lists no event for.
	id: z.union([id('evt'), id('reconcile')]),
	object: z.literal('event'),
	type: z.string().regex(/^[a-z_.]{1,100}$/),
	livemode: z.boolean(),
	created: z.number().int().nonnegative(),
	data: z.object({ object: z.looseObject({ id: z.string().min(1).max(255) }) })
});

const checkoutSessionBody = z.looseObject({
	id: z.string().refine(isCheckoutSessionId, 'a Checkout Session id'),
	object: z.literal('checkout.session'),
	amount_total: z.number().int().nonnegative().nullable(),
	currency: z.string().refine(isKnownCurrency, 'a known currency').nullable(),
	metadata: z
		.looseObject({ product_id: z.string().regex(uuidPattern, 'a product id').optional() })
		.nullable()
		.optional()
});

const intentRef = z.union([id('pi'), z.looseObject({ id: id('pi') })]).nullable();
const chargeBody = z.looseObject({
	id: id('ch'),
	object: z.literal('charge'),
	payment_intent: intentRef
});
const disputeBody = z.looseObject({
	id: z.union([id('du'), id('dp')]),
	object: z.literal('dispute'),
	payment_intent: intentRef
});

export type StripeEvent = z.infer<typeof envelope>;

/** The event types the store acts on (the webhook endpoint's subscription; reconciliation's list). */
export const HANDLED_EVENT_TYPES = [
	'checkout.session.completed',
	'checkout.session.async_payment_succeeded',
	'charge.refunded',
	'charge.dispute.created',
	'charge.dispute.closed',
	'customer.subscription.created',
	'customer.subscription.updated',
	'customer.subscription.deleted',
	'customer.subscription.trial_will_end',
	'invoice.paid',
	'invoice.payment_failed'
] as const;

/** The emails a membership's events ask for (besides the welcome, sent with its checkout). */
export type MemberNotice = 'payment_failed' | 'trial_ending' | 'membership_ended';

/** What the webhook must look up at Stripe before acting, or why there is nothing to do. */
export type Trigger =
	| { kind: 'checkout'; sessionId: string }
	| { kind: 'payment'; paymentIntentId: string }
	| { kind: 'subscription'; subscriptionId: string; notice?: MemberNotice }
	| { kind: 'ignore'; reason: string };

export type ParsedEvent =
	{ ok: true; event: StripeEvent; trigger: Trigger } | { ok: false; reason: string };

/** Where a body is wrong and why; `within` is the path of what was parsed (the event's object). */
const problem = (error: z.ZodError, within: PropertyKey[] = []) =>
	error.issues.map((i) => `${[...within, ...i.path].join('.') || 'body'}: ${i.message}`).join('; ');
const objectProblem = (error: z.ZodError) => problem(error, ['data', 'object']);

const intentOf = (ref: z.infer<typeof intentRef>) => (typeof ref === 'string' ? ref : ref?.id);

const subscriptionRef = z.union([id('sub'), z.looseObject({ id: id('sub') })]);
const subscriptionBody = z.looseObject({ id: id('sub'), object: z.literal('subscription') });
// Since API version 2025-03-31 an invoice names its subscription under parent.subscription_details.
const invoiceBody = z.looseObject({
	id: id('in'),
	object: z.literal('invoice'),
	parent: z
		.looseObject({
			subscription_details: z.looseObject({ subscription: subscriptionRef }).nullable().optional()
		})
		.nullable()
		.optional()
});

const noticeOf: Partial<Record<string, MemberNotice>> = {
	'customer.subscription.deleted': 'membership_ended',
	'customer.subscription.trial_will_end': 'trial_ending',
	'invoice.payment_failed': 'payment_failed'
};

/**
 * A verified event body, checked. `ok: false` means it can never be valid (wrong shape, ids of
 * the wrong kind, a negative amount, an unknown currency): answered 400, nothing written.
 */
export function parseEvent(body: unknown): ParsedEvent {
	const parsed = envelope.safeParse(body);
	if (!parsed.success) return { ok: false, reason: problem(parsed.error) };
	const event = parsed.data;
	const object = event.data.object;
	switch (event.type) {
		case 'checkout.session.completed':
		case 'checkout.session.async_payment_succeeded': {
			const session = checkoutSessionBody.safeParse(object);
			if (!session.success) return { ok: false, reason: objectProblem(session.error) };
			return { ok: true, event, trigger: { kind: 'checkout', sessionId: session.data.id } };
		}
		case 'charge.refunded':
		case 'charge.dispute.created':
		case 'charge.dispute.closed': {
			const body = (event.type === 'charge.refunded' ? chargeBody : disputeBody).safeParse(object);
			if (!body.success) return { ok: false, reason: objectProblem(body.error) };
			const intent = intentOf(body.data.payment_intent);
			const trigger: Trigger = intent
				? { kind: 'payment', paymentIntentId: intent }
				: { kind: 'ignore', reason: 'no payment intent: not a Checkout payment' };
			return { ok: true, event, trigger };
		}
		case 'customer.subscription.created':
		case 'customer.subscription.updated':
		case 'customer.subscription.deleted':
		case 'customer.subscription.trial_will_end': {
			const body = subscriptionBody.safeParse(object);
			if (!body.success) return { ok: false, reason: objectProblem(body.error) };
			const trigger: Trigger = { kind: 'subscription', subscriptionId: body.data.id };
			const notice = noticeOf[event.type];
			return { ok: true, event, trigger: notice ? { ...trigger, notice } : trigger };
		}
		case 'invoice.paid':
		case 'invoice.payment_failed': {
			const body = invoiceBody.safeParse(object);
			if (!body.success) return { ok: false, reason: objectProblem(body.error) };
			const ref = body.data.parent?.subscription_details?.subscription;
			if (!ref)
				return {
					ok: true,
					event,
					trigger: { kind: 'ignore', reason: 'not a subscription invoice' }
				};
			const subscriptionId = typeof ref === 'string' ? ref : ref.id;
			const notice = noticeOf[event.type];
			return {
				ok: true,
				event,
				trigger: notice
					? { kind: 'subscription', subscriptionId, notice }
					: { kind: 'subscription', subscriptionId }
			};
		}
		default:
			return { ok: true, event, trigger: { kind: 'ignore', reason: `unhandled ${event.type}` } };
	}
}

export type PurchaseStatus = 'paid' | 'refunded' | 'disputed';

/** Dispute states in which the money is not (or no longer) in question. */
const settledDisputes = new Set(['won', 'warning_closed']);

/**
 * What a purchase's status must be, from its charge and disputes as Stripe holds them now. A full
 * refund or an open or lost dispute takes the content away; a partial refund (a goodwill
 * gesture) or a won dispute does not.
 */
export function purchaseStatus(
	charge: Pick<Stripe.Charge, 'refunded'> | null,
	disputes: Pick<Stripe.Dispute, 'status'>[]
): PurchaseStatus {
	if (charge?.refunded) return 'refunded';
	if (disputes.some((d) => !settledDisputes.has(d.status))) return 'disputed';
	return 'paid';
}
