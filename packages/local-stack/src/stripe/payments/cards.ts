/** What a test card does when paid with on the hosted page. */
export type CardOutcome =
	| { kind: 'succeeds'; brand: string }
	| { kind: 'declined'; code: string; declineCode?: string; message: string }
	/** Completes the session unpaid; settles later (`async_payment_succeeded` / `_failed`). */
	| { kind: 'async'; brand: string; settles: 'succeeded' | 'failed' };

const declined = (declineCode: string, message: string, code = 'card_declined'): CardOutcome => ({
	kind: 'declined',
	code,
	declineCode,
	message
});

/**
 * Stripe's test card numbers, plus two of ours for delayed settlement on the hosted checkout page
 * (see README). A saved card (a subscription's or the portal's) is charged later without the page:
 * there, `savedCardOutcome` applies.
 */
export const TEST_CARDS: Record<string, CardOutcome> = {
	'4242424242424242': { kind: 'succeeds', brand: 'visa' },
	'5555555555554444': { kind: 'succeeds', brand: 'mastercard' },
	'4000000000000002': declined('generic_decline', 'Your card was declined.'),
	'4000000000009995': declined('insufficient_funds', 'Your card has insufficient funds.'),
	'4000000000009987': declined('lost_card', 'Your card was declined.'),
	'4000000000000069': { kind: 'declined', code: 'expired_card', message: 'Your card has expired.' },
	'4000000000000127': {
		kind: 'declined',
		code: 'incorrect_cvc',
		message: "Your card's security code is incorrect."
	},
	'4000000000000077': { kind: 'async', brand: 'visa', settles: 'succeeded' },
	'4000000000000341': { kind: 'async', brand: 'visa', settles: 'failed' }
};

/** The Luhn check every card number passes; Stripe.js refuses the others before any request. */
export function luhnValid(digits: string): boolean {
	let sum = 0;
	for (let i = 0; i < digits.length; i++) {
		let digit = Number(digits[digits.length - 1 - i]);
		if (i % 2 === 1) digit = digit * 2 > 9 ? digit * 2 - 9 : digit * 2;
		sum += digit;
	}
	return digits.length >= 12 && sum % 10 === 0;
}

export interface CardInput {
	number: string;
	expiry: string;
	cvc: string;
}

export interface CheckedCard {
	digits: string;
	expMonth: number;
	expYear: number;
}

/** Checks the fields as Stripe's card element does; returns Stripe's message for the first bad one. */
export function checkCard(
	input: CardInput,
	now = new Date()
): CheckedCard | { error: string; code: string } {
	const digits = input.number.replace(/[\s-]/g, '');
	if (!/^\d+$/.test(digits) || !luhnValid(digits))
		return { error: 'Your card number is incorrect.', code: 'incorrect_number' };
	const expiry = /^\s*(\d{1,2})\s*\/\s*(\d{2}|\d{4})\s*$/.exec(input.expiry);
	if (!expiry)
		return { error: "Your card's expiration date is incomplete.", code: 'invalid_expiry_month' };
	const expMonth = Number(expiry[1]);
	const expYear = expiry[2].length === 2 ? 2000 + Number(expiry[2]) : Number(expiry[2]);
	if (expMonth < 1 || expMonth > 12)
		return { error: "Your card's expiration month is invalid.", code: 'invalid_expiry_month' };
	const endOfMonth = new Date(Date.UTC(expYear, expMonth, 1));
	if (endOfMonth <= now)
		return { error: "Your card's expiration date is in the past.", code: 'invalid_expiry_year' };
	if (!/^\d{3,4}$/.test(input.cvc.trim()))
		return { error: "Your card's security code is incomplete.", code: 'incomplete_cvc' };
	return { digits, expMonth, expYear };
}

/** Any other valid number is treated as a real card, which test mode refuses. */
export function outcomeOf(digits: string): CardOutcome {
	return (
		TEST_CARDS[digits] ??
		declined(
			'test_mode_live_card',
			'Your card was declined. Your request was in test mode, but used a non test (live) card. For a list of valid test cards, visit: https://stripe.com/docs/testing.'
		)
	);
}

/**
 * A card saved to a customer and charged later (renewals, retries, the first invoice of a
 * subscription): 0341 is Stripe's "attaching succeeds, charging fails"; 0077 settles at once here
 * (Stripe's "funds added directly to the available balance"); declining cards are never saved.
 */
export function savedCardOutcome(digits: string): CardOutcome {
	const outcome = outcomeOf(digits);
	if (digits === '4000000000000341') return declined('generic_decline', 'Your card was declined.');
	if (outcome.kind === 'async') return { kind: 'succeeds', brand: outcome.brand };
	return outcome;
}

/** Whether a card can be saved to a customer: Stripe checks it first, so declining cards fail. */
export function attachOutcome(digits: string): CardOutcome {
	const outcome = outcomeOf(digits);
	return outcome.kind === 'async' ? { kind: 'succeeds', brand: outcome.brand } : outcome;
}

/** Stripe's test PaymentMethod ids, accepted by `payment_methods.attach` like real ids. */
export const TEST_PAYMENT_METHODS: Record<string, string> = {
	pm_card_visa: '4242424242424242',
	pm_card_mastercard: '5555555555554444',
	pm_card_chargeCustomerFail: '4000000000000341',
	pm_card_chargeDeclined: '4000000000000002',
	pm_card_visa_chargeDeclinedInsufficientFunds: '4000000000009995'
};
