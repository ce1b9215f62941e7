import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { majorUnits, minorUnits } from '$lib/studio/price';

describe('studio prices', () => {
	it('turns a typed price into minor units for its currency', () => {
		expect(minorUnits('12.50', 'eur')).toBe(1250);
		expect(minorUnits('12,5', 'eur')).toBe(1250);
		expect(minorUnits('12', 'usd')).toBe(1200);
		expect(minorUnits('0', 'gbp')).toBe(0);
		expect(minorUnits('1500', 'jpy')).toBe(1500);
	});

	it('refuses more decimals than the currency has', () => {
		expect(minorUnits('15.5', 'jpy')).toEqual({
			error: 'JPY has no decimals: type a whole amount.'
		});
		expect(minorUnits('1.234', 'eur')).toEqual({ error: 'EUR has 2 decimals at most.' });
	});

	it('round-trips every amount through the form notation', () => {
		fc.assert(
			fc.property(
				fc.integer({ min: 0, max: 99_999_999 }),
				fc.constantFrom('eur', 'usd', 'jpy', 'gbp'),
				(minor, currency) => {
					expect(minorUnits(majorUnits(minor, currency), currency)).toBe(minor);
				}
			),
			{ seed: 42 }
		);
	});
});
