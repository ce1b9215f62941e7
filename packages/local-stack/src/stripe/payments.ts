import type Stripe from 'stripe';
import { checkCard, outcomeOf, type CardInput } from './cards.ts';
import { getSession } from './checkout-sessions.ts';
import { emit, schedule, type Emulator } from './emulator.ts';
import { newCharge, type CardUsed, type ChargeFailure } from './objects/charge.ts';
import { addReceipt } from './receipts.ts';
import { newPaymentIntent } from './objects/payment-intent.ts';

const PENDING = 'emulator.pending_settlement';

interface PendingSettlement {
	id: string;
	object: typeof PENDING;
	session: string;
	settles: 'succeeded' | 'failed';
}

/** After a restart: settles the async payments that were still pending when it stopped. */
export function resumeSettlements(emu: Emulator) {
	for (const pending of emu.store.all<PendingSettlement>(PENDING))
		schedule(emu, emu.asyncSettleMs, () =>
			settle(emu, pending.session, pending.id, pending.settles)
		);
}

export type PaymentResult =
	{ ok: true; session: Stripe.Checkout.Session } | { ok: false; message: string };

interface StoredIntentData {
	metadata?: Record<string, string>;
	description?: string;
	receipt_email?: string;
}

/** Checkout creates the PaymentIntent at the first attempt and reuses it for retries. */
function intentFor(emu: Emulator, session: Stripe.Checkout.Session): Stripe.PaymentIntent {
	if (typeof session.payment_intent === 'string')
		return emu.store.get<Stripe.PaymentIntent>('payment_intent', session.payment_intent)!;
	const data = emu.store.get('emulator.payment_intent_data', session.id) as
		StoredIntentData | undefined;
	const intent = newPaymentIntent({
		amount: session.amount_total ?? 0,
		currency: session.currency ?? 'usd',
		metadata: data?.metadata,
		description: data?.description,
		receipt_email: data?.receipt_email
	});
	emu.store.put(intent);
	session.payment_intent = intent.id;
	emit(emu, 'payment_intent.created', intent);
	return intent;
}

function failIntent(
	emu: Emulator,
	intent: Stripe.PaymentIntent,
	charge: Stripe.Charge,
	failure: ChargeFailure
) {
	intent.status = 'requires_payment_method';
	intent.last_payment_error = {
		type: 'card_error',
		code: failure.code,
		decline_code: failure.declineCode,
		message: failure.message,
		charge: charge.id
	} as Stripe.PaymentIntent.LastPaymentError;
	emit(emu, 'charge.failed', charge);
	emit(emu, 'payment_intent.payment_failed', intent);
}

function succeedIntent(emu: Emulator, intent: Stripe.PaymentIntent, charge: Stripe.Charge) {
	charge.status = 'succeeded';
	charge.paid = true;
	charge.captured = true;
	charge.amount_captured = charge.amount;
	intent.status = 'succeeded';
	intent.amount_received = intent.amount;
	intent.last_payment_error = null;
	emit(emu, 'charge.succeeded', charge);
	emit(emu, 'payment_intent.succeeded', intent);
}

function completeSession(
	emu: Emulator,
	session: Stripe.Checkout.Session,
	email: string,
	paid: boolean
) {
	session.status = 'complete';
	session.payment_status = paid ? 'paid' : 'unpaid';
	session.url = null;
	session.customer_details = {
		address: null,
		business_name: null,
		email,
		individual_name: null,
		name: null,
		phone: null,
		tax_exempt: 'none',
		tax_ids: []
	} as Stripe.Checkout.Session.CustomerDetails;
	emit(emu, 'checkout.session.completed', session);
}

/** A delayed payment method settles: Stripe then tells the store with one of the async events. */
function settle(
	emu: Emulator,
	sessionId: string,
	chargeId: string,
	result: 'succeeded' | 'failed'
) {
	emu.store.remove(PENDING, chargeId);
	const session = emu.store.get<Stripe.Checkout.Session>('checkout.session', sessionId);
	const charge = emu.store.get<Stripe.Charge>('charge', chargeId);
	if (!session || !charge || charge.status !== 'pending') return emu.store.save();
	const intent = emu.store.get<Stripe.PaymentIntent>(
		'payment_intent',
		String(charge.payment_intent)
	)!;
	if (result === 'succeeded') {
		succeedIntent(emu, intent, charge);
		session.payment_status = 'paid';
		emit(emu, 'checkout.session.async_payment_succeeded', session);
	} else {
		charge.status = 'failed';
		const failure = {
			code: 'card_declined',
			declineCode: 'generic_decline',
			message: 'Your card was declined.'
		};
		charge.failure_code = failure.code;
		charge.failure_message = failure.message;
		failIntent(emu, intent, charge, failure);
		emit(emu, 'checkout.session.async_payment_failed', session);
	}
	emu.store.save();
}

/**
 * What pressing "Pay" on the hosted page does. A declined card leaves the session open so the
 * customer can try another card on the same page; success completes it.
 */
export function payCheckoutSession(
	emu: Emulator,
	sessionId: string,
	email: string,
	input: CardInput
): PaymentResult {
	const session = getSession(emu, sessionId);
	if (session.status !== 'open')
		return { ok: false, message: 'This Checkout Session is no longer active.' };
	const payer = session.customer_email ?? email.trim();
	if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(payer))
		return { ok: false, message: 'Your email address is invalid.' };
	const card = checkCard(input);
	if ('error' in card) return { ok: false, message: card.error };
	const outcome = outcomeOf(card.digits);
	const intent = intentFor(emu, session);
	const used: CardUsed = {
		last4: card.digits.slice(-4),
		brand: 'brand' in outcome ? outcome.brand : 'visa',
		expMonth: card.expMonth,
		expYear: card.expYear,
		email: payer
	};
	const status: Stripe.Charge.Status =
		outcome.kind === 'succeeds' ? 'succeeded' : outcome.kind === 'async' ? 'pending' : 'failed';
	const failure =
		outcome.kind === 'declined'
			? { code: outcome.code, declineCode: outcome.declineCode, message: outcome.message }
			: undefined;
	const charge = newCharge(intent, used, status, failure);
	if (outcome.kind !== 'declined') addReceipt(emu, charge);
	intent.latest_charge = charge.id;
	intent.payment_method = charge.payment_method as string;
	emu.store.put(charge);
	if (outcome.kind === 'declined') {
		failIntent(emu, intent, charge, failure!);
		emu.store.save();
		return { ok: false, message: outcome.message };
	}
	if (outcome.kind === 'succeeds') {
		succeedIntent(emu, intent, charge);
		completeSession(emu, session, payer, true);
	} else {
		intent.status = 'processing';
		emit(emu, 'charge.pending', charge);
		emit(emu, 'payment_intent.processing', intent);
		completeSession(emu, session, payer, false);
		// Recorded so that a restarted emulator still settles it (see resumeSettlements).
		emu.store.put({
			id: charge.id,
			object: PENDING,
			session: session.id,
			settles: outcome.settles
		} as PendingSettlement);
		schedule(emu, emu.asyncSettleMs, () => settle(emu, session.id, charge.id, outcome.settles));
	}
	emu.store.save();
	return { ok: true, session };
}
