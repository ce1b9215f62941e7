import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dayRange, daysOf, MAX_DAYS } from '$lib/studio/range';

const now = new Date('2026-11-30T15:00:00Z');
const q = (params: Record<string, string>) => new URLSearchParams(params);

describe('the sales range', () => {
	it('is the last 30 days by default, today included', () => {
		const range = dayRange(q({}), now);
		expect(range).toMatchObject({ from: '2026-11-01', to: '2026-11-30' });
		expect(range.end.toISOString()).toBe('2026-12-01T00:00:00.000Z');
		expect(daysOf(range)).toHaveLength(30);
	});

	it('takes the days asked for, swapped if reversed, and ignores what is not a day', () => {
		expect(dayRange(q({ from: '2026-10-01', to: '2026-10-07' }), now)).toMatchObject({
			from: '2026-10-01',
			to: '2026-10-07'
		});
		expect(dayRange(q({ from: '2026-10-07', to: '2026-10-01' }), now)).toMatchObject({
			from: '2026-10-01',
			to: '2026-10-07'
		});
		expect(dayRange(q({ from: '2026-02-30', to: 'soon' }), now)).toMatchObject({
			from: '2026-11-01',
			to: '2026-11-30'
		});
	});

	it('for any query: a valid range of 1 to 366 days, never reversed', () => {
		fc.assert(
			fc.property(fc.string(), fc.string(), (from, to) => {
				const range = dayRange(q({ from, to }), now);
				const days = daysOf(range);
				expect(days.length).toBeGreaterThanOrEqual(1);
				expect(days.length).toBeLessThanOrEqual(MAX_DAYS);
				expect(days[0]).toBe(range.from);
				expect(days.at(-1)).toBe(range.to);
			}),
			{ seed: 7, numRuns: Number(process.env.FUZZ_RUNS ?? 300) }
		);
	});
});
