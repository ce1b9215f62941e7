import { describe, expect, it } from 'vitest';
import {
	returnPlan,
	RETURN_MAX_AGE_SECONDS,
	takesPurchaseEmail,
	type ReturnFacts
} from '$lib/server/checkout-return/decide';

const facts = (overrides: Partial<ReturnFacts> = {}): ReturnFacts => ({
	nonceMatches: true,
	sessionAgeSeconds: 30,
	sessionId: 'cs_test_1',
	buyer: { id: 'user-1', createdByCheckout: 'cs_test_1' },
	current: null,
	emailClaimed: true,
	...overrides
});

describe('returnPlan', () => {
	it('signs the buying browser in, scoped, when its checkout created the account', () => {
		expect(returnPlan(facts())).toBe('log-in-scoped');
	});

	it('never signs a browser into an account that existed before the purchase', () => {
		expect(returnPlan(facts({ buyer: { id: 'user-1', createdByCheckout: null } }))).toBe(
			'check-email'
		);
		expect(returnPlan(facts({ buyer: { id: 'user-1', createdByCheckout: 'cs_test_other' } }))).toBe(
			'check-email'
		);
	});

	it('signs nobody in from another browser (no nonce) or long after paying', () => {
		expect(returnPlan(facts({ nonceMatches: false }))).toBe('check-email');
		expect(returnPlan(facts({ sessionAgeSeconds: RETURN_MAX_AGE_SECONDS + 1 }))).toBe(
			'check-email'
		);
		expect(returnPlan(facts({ sessionAgeSeconds: -5 }))).toBe('check-email');
	});

	it('does not sign in once the email is gone: a new session would kill its link and code', () => {
		expect(returnPlan(facts({ emailClaimed: false }))).toBe('check-email');
	});

	it('keeps a browser with the whole account as it is', () => {
		const current = { userId: 'user-1', scoped: false };
		expect(returnPlan(facts({ current }))).toBe('read');
		expect(returnPlan(facts({ current, nonceMatches: false, emailClaimed: false }))).toBe('read');
	});

	it('adds a new purchase to a scoped browser that paid for it, and only that browser', () => {
		const current = { userId: 'user-1', scoped: true };
		expect(returnPlan(facts({ current }))).toBe('extend-scope');
		expect(returnPlan(facts({ current, emailClaimed: false }))).toBe('extend-scope');
		expect(returnPlan(facts({ current, nonceMatches: false }))).toBe('check-email');
	});

	it('treats a browser signed in as someone else like a stranger', () => {
		const current = { userId: 'user-2', scoped: false };
		expect(returnPlan(facts({ current }))).toBe('log-in-scoped');
		expect(returnPlan(facts({ current, nonceMatches: false }))).toBe('check-email');
	});
});

describe('takesPurchaseEmail', () => {
	it('is the buying browser or the buyer themself, never a replayed URL elsewhere', () => {
		const { emailClaimed: _, ...base } = facts();
		expect(takesPurchaseEmail(base)).toBe(true);
		expect(takesPurchaseEmail({ ...base, nonceMatches: false })).toBe(false);
		expect(
			takesPurchaseEmail({
				...base,
				nonceMatches: false,
				current: { userId: 'user-1', scoped: false }
			})
		).toBe(true);
	});
});
