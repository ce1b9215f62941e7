import { describe, expect, it } from 'vitest';
import { addInterval } from '../../../../src/stripe/objects/period.ts';

const at = (y: number, m: number, d: number) => Date.UTC(y, m - 1, d) / 1000;

describe('billing periods', () => {
	it('adds days, weeks, months and years in UTC', () => {
		expect(addInterval(at(2030, 3, 1), 'day')).toBe(at(2030, 3, 2));
		expect(addInterval(at(2030, 3, 1), 'week', 2)).toBe(at(2030, 3, 15));
		expect(addInterval(at(2030, 3, 1), 'month')).toBe(at(2030, 4, 1));
		expect(addInterval(at(2030, 3, 1), 'year')).toBe(at(2031, 3, 1));
		expect(addInterval(at(2030, 11, 15), 'month', 3)).toBe(at(2031, 2, 15));
	});

	it('keeps the anchor day or takes the last day of a shorter month', () => {
		expect(addInterval(at(2030, 1, 31), 'month')).toBe(at(2030, 2, 28));
		expect(addInterval(at(2032, 1, 31), 'month')).toBe(at(2032, 2, 29));
		expect(addInterval(at(2032, 2, 29), 'year')).toBe(at(2033, 2, 28));
		expect(addInterval(at(2030, 1, 31), 'month', 2)).toBe(at(2030, 3, 31));
	});

	it('keeps the time of day', () => {
		expect(addInterval(at(2030, 3, 1) + 3661, 'month')).toBe(at(2030, 4, 1) + 3661);
	});
});
