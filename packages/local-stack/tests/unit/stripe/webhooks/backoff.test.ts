import { describe, expect, it } from 'vitest';
import {
	RETRY_WINDOW_SECONDS,
	retryGapSeconds,
	retrySchedule
} from '../../../../src/stripe/webhooks/backoff.ts';

describe('retry schedule', () => {
	it('starts at a minute and doubles up to six hours', () => {
		expect([1, 2, 3, 4].map(retryGapSeconds)).toEqual([60, 120, 240, 480]);
		expect(retryGapSeconds(20)).toBe(6 * 3600);
	});

	it('stays within Stripe three-day window', () => {
		const gaps = retrySchedule(1);
		const total = gaps.reduce((a, b) => a + b, 0) / 1000;
		expect(total).toBeLessThanOrEqual(RETRY_WINDOW_SECONDS);
		expect(total + retryGapSeconds(gaps.length + 1)).toBeGreaterThan(RETRY_WINDOW_SECONDS);
	});

	it('is shortened by the factor without changing the number of retries', () => {
		const full = retrySchedule(1);
		const fast = retrySchedule(0.001);
		expect(fast).toHaveLength(full.length);
		expect(fast[0]).toBeCloseTo(60);
		fast.forEach((gap, i) => expect(gap).toBeCloseTo(full[i] * 0.001));
	});
});
