import { describe, expect, it } from 'vitest';
import { formatPrice, minorUnitDigits } from '$lib/money';

describe('formatPrice', () => {
	it('formats two-decimal currencies from minor units', () => {
		expect(formatPrice(1299, 'eur')).toBe('€12.99');
		expect(formatPrice(500, 'usd')).toBe('$5.00');
	});

	it('formats zero-decimal currencies without dividing', () => {
		expect(minorUnitDigits('JPY')).toBe(0);
		expect(formatPrice(1500, 'jpy')).toBe('¥1,500');
	});

	it('follows the locale', () => {
		expect(formatPrice(1299, 'eur', 'de-DE')).toBe('12,99\u00a0€');
	});
});
