import type Stripe from 'stripe';
import { emit, type Emulator } from '../emulator.ts';
import { newCharge, type CardUsed, type ChargeFailure } from '../objects/charge.ts';
import { newPaymentIntent, type PaymentIntentCreate } from '../objects/payment-intent.ts';
import type { CardOutcome } from './cards.ts';
import { newReceiptLink, saveReceiptLink } from './receipts.ts';

/** A PaymentIntent, announced with `payment_intent.created`. */
export function createIntent(emu: Emulator, create: PaymentIntentCreate): Stripe.PaymentIntent {
	const intent = emu.store.put(newPaymentIntent(create));
	emit(emu, 'payment_intent.created', intent);
	return intent;
}

export function failIntent(
	emu: Emulator,
	intent: Stripe.PaymentIntent,
	charge: Stripe.Charge,
	failure: ChargeFailure
) {
	charge.status = 'failed';
	charge.failure_code = failure.code;
	charge.failure_message = failure.message;
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

export function succeedIntent(emu: Emulator, intent: Stripe.PaymentIntent, charge: Stripe.Charge) {
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

export type ChargeResult =
	| { status: 'succeeded'; charge: Stripe.Charge }
	| { status: 'pending'; charge: Stripe.Charge; settles: 'succeeded' | 'failed' }
	| { status: 'failed'; charge: Stripe.Charge; failure: ChargeFailure };

/**
 * One attempt to pay an intent with a card, as the card's test number decides: a charge that
 * succeeds, fails, or stays pending until it settles (the caller schedules that).
 */
export function chargeIntent(
	emu: Emulator,
	intent: Stripe.PaymentIntent,
	card: CardUsed,
	paymentMethod: string,
	outcome: CardOutcome,
	created: number
): ChargeResult {
	const failure =
		outcome.kind === 'declined'
			? { code: outcome.code, declineCode: outcome.declineCode, message: outcome.message }
			: undefined;
	const status =
		outcome.kind === 'succeeds' ? 'succeeded' : outcome.kind === 'async' ? 'pending' : 'failed';
	const receipt = outcome.kind === 'declined' ? undefined : newReceiptLink(emu);
	const charge = newCharge({
		intent,
		card,
		status,
		failure,
		paymentMethod,
		receiptUrl: receipt?.url ?? null,
		created
	});
	if (receipt) saveReceiptLink(emu, receipt.token, charge.id);
	intent.latest_charge = charge.id;
	intent.payment_method = paymentMethod;
	emu.store.put(charge);
	if (failure) {
		failIntent(emu, intent, charge, failure);
		return { status: 'failed', charge, failure };
	}
	if (outcome.kind === 'async') {
		intent.status = 'processing';
		emit(emu, 'charge.pending', charge);
		emit(emu, 'payment_intent.processing', intent);
		return { status: 'pending', charge, settles: outcome.settles };
	}
	succeedIntent(emu, intent, charge);
	return { status: 'succeeded', charge };
}

/** A pending charge settles: Stripe then sends the charge's and the intent's final events. */
export function settleCharge(
	emu: Emulator,
	charge: Stripe.Charge,
	result: 'succeeded' | 'failed'
): ChargeResult {
	const intent = emu.store.get<Stripe.PaymentIntent>(
		'payment_intent',
		String(charge.payment_intent)
	)!;
	if (result === 'succeeded') {
		succeedIntent(emu, intent, charge);
		return { status: 'succeeded', charge };
	}
	const failure = {
		code: 'card_declined',
		declineCode: 'generic_decline',
		message: 'Your card was declined.'
	};
	failIntent(emu, intent, charge, failure);
	return { status: 'failed', charge, failure };
}
