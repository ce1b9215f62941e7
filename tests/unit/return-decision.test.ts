import { describe, expect, it } from 'vitest';
import {
	returnDecision,
	RETURN_MAX_AGE_SECONDS,
	type ReturnFacts
} from '$lib/server/return-decision';

const facts = (overrides: Partial<ReturnFacts> = {}): ReturnFacts => ({
	nonceMatches: true,
	sessionAgeSeconds: 30,
	sessionId: 'cs_test_1',
	buyer: { id: 'user-1', createdByCheckout: 'cs_test_1' },
	currentUserId: null,
	...overrides
});

describe('returnDecision', () => {
	it('logs in the browser that bought, when the purchase created the account', () => {
		expect(returnDecision(facts())).toBe('log-in');
	});

	it('never logs a browser into an account that existed before the purchase', () => {
		expect(returnDecision(facts({ buyer: { id: 'user-1', createdByCheckout: null } }))).toBe(
			'check-email'
		);
		expect(
			returnDecision(facts({ buyer: { id: 'user-1', createdByCheckout: 'cs_test_other' } }))
		).toBe('check-email');
	});

	it('logs nobody in from another browser (no nonce) or long after paying', () => {
		expect(returnDecision(facts({ nonceMatches: false }))).toBe('check-email');
		expect(returnDecision(facts({ sessionAgeSeconds: RETURN_MAX_AGE_SECONDS + 1 }))).toBe(
			'check-email'
		);
	});

	it('keeps a browser already logged in as the buyer as it is', () => {
		expect(returnDecision(facts({ currentUserId: 'user-1', nonceMatches: false }))).toBe(
			'already-logged-in'
		);
	});
});
