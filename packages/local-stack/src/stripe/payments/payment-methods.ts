import type Stripe from 'stripe';
import { emit, NO_REQUEST, type Emulator, type RequestInfo } from '../emulator.ts';
import { cardError, noSuch } from '../errors.ts';
import type { CardUsed } from '../objects/charge.ts';
import { newCardPaymentMethod } from '../objects/payment-method.ts';
import { attachOutcome, outcomeOf, TEST_PAYMENT_METHODS, type CheckedCard } from './cards.ts';

const CARD_NUMBER = 'emulator.card_number';

/** The full test number behind a PaymentMethod, kept aside: it decides how later charges go. */
interface CardNumber {
	id: string;
	object: typeof CARD_NUMBER;
	digits: string;
}

export function getPaymentMethod(emu: Emulator, id: string, param = 'payment_method') {
	const found = emu.store.get<Stripe.PaymentMethod>('payment_method', id);
	if (!found) throw noSuch('PaymentMethod', id, param);
	return found;
}

/** A PaymentMethod for a card typed on a hosted page (or named by a test id such as `pm_card_visa`). */
export function createCardPaymentMethod(
	emu: Emulator,
	card: CheckedCard,
	email: string | null,
	created: number
): Stripe.PaymentMethod {
	const outcome = outcomeOf(card.digits);
	const brand = 'brand' in outcome ? outcome.brand : 'visa';
	const method = emu.store.put(newCardPaymentMethod({ ...card, brand }, email, created));
	emu.store.put<CardNumber>({ id: method.id, object: CARD_NUMBER, digits: card.digits });
	return method;
}

/** Stripe's test ids (`pm_card_visa`…) stand for a fresh PaymentMethod of that test card. */
export function resolvePaymentMethod(emu: Emulator, id: string, created: number) {
	const digits = TEST_PAYMENT_METHODS[id];
	if (!digits) return getPaymentMethod(emu, id);
	return createCardPaymentMethod(emu, { digits, expMonth: 12, expYear: 2034 }, null, created);
}

export const digitsOf = (emu: Emulator, paymentMethod: string) =>
	emu.store.get<CardNumber>(CARD_NUMBER, paymentMethod)?.digits ?? '4242424242424242';

/** How a charge names the card it used. */
export function cardUsed(method: Stripe.PaymentMethod, email: string | null): CardUsed {
	const card = method.card!;
	return {
		last4: card.last4,
		brand: card.brand,
		expMonth: card.exp_month,
		expYear: card.exp_year,
		email: email ?? method.billing_details.email ?? ''
	};
}

/**
 * Saves a card to a customer (`payment_method.attached`). Stripe checks the card first, so a
 * declining test card is refused here with its card error.
 */
export function attachPaymentMethod(
	emu: Emulator,
	method: Stripe.PaymentMethod,
	customer: string,
	request: RequestInfo = NO_REQUEST
): Stripe.PaymentMethod {
	const outcome = attachOutcome(digitsOf(emu, method.id));
	if (outcome.kind === 'declined')
		throw cardError(outcome.message, outcome.code, outcome.declineCode);
	method.customer = customer;
	emit(emu, 'payment_method.attached', method, request);
	return method;
}
