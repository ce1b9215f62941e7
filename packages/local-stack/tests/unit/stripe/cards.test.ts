import { describe, expect, it } from 'vitest';
import {
	attachOutcome,
	checkCard,
	luhnValid,
	outcomeOf,
	savedCardOutcome
} from '../../../src/stripe/payments/cards.ts';
import { formatAmount } from '../../../src/stripe/money.ts';

const now = new Date('2026-06-15T00:00:00Z');

describe('test cards', () => {
	it('knows Stripe outcomes for its test numbers', () => {
		expect(outcomeOf('4242424242424242').kind).toBe('succeeds');
		expect(outcomeOf('4000000000000002')).toMatchObject({
			kind: 'declined',
			declineCode: 'generic_decline',
			message: 'Your card was declined.'
		});
		expect(outcomeOf('4000000000009995')).toMatchObject({
			kind: 'declined',
			declineCode: 'insufficient_funds'
		});
		expect(outcomeOf('4000000000000077')).toMatchObject({ kind: 'async', settles: 'succeeded' });
		expect(outcomeOf('4000000000000341')).toMatchObject({ kind: 'async', settles: 'failed' });
		expect(outcomeOf('4111111111111111')).toMatchObject({
			kind: 'declined',
			declineCode: 'test_mode_live_card'
		});
	});

	it('saves 0341 to a customer but declines charging it later, as Stripe\'s "attaching succeeds, charging fails"', () => {
		expect(attachOutcome('4000000000000341').kind).toBe('succeeds');
		expect(savedCardOutcome('4000000000000341')).toMatchObject({
			kind: 'declined',
			code: 'card_declined'
		});
		expect(attachOutcome('4000000000000002').kind).toBe('declined');
		expect(savedCardOutcome('4000000000000077').kind).toBe('succeeds');
		expect(savedCardOutcome('4242424242424242').kind).toBe('succeeds');
	});

	it('checks the number, expiry and CVC like the card element', () => {
		expect(luhnValid('4242424242424242')).toBe(true);
		expect(luhnValid('4242424242424241')).toBe(false);
		expect(
			checkCard({ number: '4242 4242 4242 4242', expiry: '12 / 30', cvc: '123' }, now)
		).toEqual({ digits: '4242424242424242', expMonth: 12, expYear: 2030 });
		expect(
			checkCard({ number: '4242 4242 4242 4241', expiry: '12/30', cvc: '123' }, now)
		).toMatchObject({ code: 'incorrect_number' });
		expect(
			checkCard({ number: '4242424242424242', expiry: '05/26', cvc: '123' }, now)
		).toMatchObject({ code: 'invalid_expiry_year' });
		expect(
			checkCard({ number: '4242424242424242', expiry: '13/30', cvc: '123' }, now)
		).toMatchObject({ code: 'invalid_expiry_month' });
		expect(checkCard({ number: '4242424242424242', expiry: '12/30', cvc: '1' }, now)).toMatchObject(
			{ code: 'incomplete_cvc' }
		);
	});
});

describe('formatAmount', () => {
	it('uses the currency decimals', () => {
		expect(formatAmount(1299, 'usd')).toBe('$12.99');
		expect(formatAmount(500, 'jpy')).toBe('¥500');
		expect(formatAmount(1299, 'eur', 'de-DE')).toBe('12,99\u00a0€');
	});
});
