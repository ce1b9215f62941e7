import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { grantsAccess, membershipOutcome } from '../../supabase/functions/_shared/memberships.ts';

const statuses = [
	'incomplete',
	'incomplete_expired',
	'trialing',
	'active',
	'past_due',
	'canceled',
	'unpaid',
	'paused'
] as const;
const status = fc.constantFrom(...statuses);
const now = new Date('2026-12-01T12:00:00Z');

describe('grantsAccess', () => {
	it('opens the catalogue while trialing or active, past due only within the grace period', () => {
		expect(grantsAccess('trialing', null, now)).toBe(true);
		expect(grantsAccess('active', null, now)).toBe(true);
		expect(grantsAccess('past_due', new Date(now.getTime() + 1000), now)).toBe(true);
		expect(grantsAccess('past_due', new Date(now.getTime() - 1000), now)).toBe(false);
		expect(grantsAccess('past_due', null, now)).toBe(false);
		for (const closed of ['canceled', 'unpaid', 'incomplete', 'incomplete_expired', 'paused'])
			expect(grantsAccess(closed, new Date(now.getTime() + 1000), now)).toBe(false);
	});
});

describe('membershipOutcome', () => {
	const opens = (s: string | null) => s === 'trialing' || s === 'active' || s === 'past_due';

	it('says what a change of status did to access, for every pair of statuses', () => {
		fc.assert(
			fc.property(fc.option(status, { nil: null }), status, (before, after) => {
				const outcome = membershipOutcome(before, after);
				if (before === null) expect(outcome).toBe(opens(after) ? 'fulfilled' : 'unchanged');
				else if (opens(before) === opens(after)) expect(outcome).toBe('unchanged');
				else expect(outcome).toBe(opens(after) ? 'restored' : 'revoked');
			})
		);
	});

	it('is unchanged for a repeated status, whatever it is (a duplicate or a late event)', () => {
		fc.assert(
			fc.property(status, (s) => {
				expect(membershipOutcome(s, s)).toBe('unchanged');
			})
		);
	});
});
