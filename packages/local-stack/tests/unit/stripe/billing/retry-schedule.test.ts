import { describe, expect, it } from 'vitest';
import {
	checkRetryDays,
	nextAttemptAt,
	smartRetryDays
} from '../../../../src/stripe/billing/retry-schedule.ts';

const DAY = 24 * 3600;

describe('the retry schedule', () => {
	it("spreads Smart Retries' default (8 tries within 2 weeks) evenly: 7 retries, the last on day 14", () => {
		expect(smartRetryDays()).toEqual([2, 4, 6, 8, 10, 12, 14]);
		expect(smartRetryDays(4, 7)).toEqual([7 / 3, 14 / 3, 7]);
	});

	it('gives the time of the next attempt after n failed ones, and null once the schedule is used up', () => {
		const days = smartRetryDays();
		expect(nextAttemptAt(1000, 1, days)).toBe(1000 + 2 * DAY);
		expect(nextAttemptAt(1000, 7, days)).toBe(1000 + 14 * DAY);
		expect(nextAttemptAt(1000, 8, days)).toBeNull();
		expect(nextAttemptAt(1000, 1, [])).toBeNull();
	});

	it('accepts increasing days within two months, at most ten', () => {
		expect(checkRetryDays([1, 3, 5])).toBeUndefined();
		expect(checkRetryDays([])).toBeUndefined();
		expect(checkRetryDays([3, 3])).toMatch(/increase/);
		expect(checkRetryDays([0])).toMatch(/between/);
		expect(checkRetryDays([Number.NaN])).toMatch(/between/);
		expect(checkRetryDays([70])).toMatch(/between/);
		expect(checkRetryDays(Array.from({ length: 11 }, (_, i) => i + 1))).toMatch(/10/);
	});
});
