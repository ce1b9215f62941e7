import { minorUnitDigits } from '$lib/money';

/**
 * A price typed in a currency's major unit ("12.50", "12,5", "1500") in its minor units (1250,
 * 1500 for JPY), or an explanation when the currency has fewer decimals than typed.
 */
export function minorUnits(typed: string, currency: string): number | { error: string } {
	const [whole, fraction = ''] = typed.trim().replace(',', '.').split('.');
	const digits = minorUnitDigits(currency.toUpperCase());
	if (fraction.length > digits) {
		return {
			error:
				digits === 0
					? `${currency.toUpperCase()} has no decimals: type a whole amount.`
					: `${currency.toUpperCase()} has ${digits} decimals at most.`
		};
	}
	return Number(whole) * 10 ** digits + Number(fraction.padEnd(digits, '0') || 0);
}

/** Minor units back in the form's major-unit notation (1250 EUR → "12.50", 1500 JPY → "1500"). */
export function majorUnits(minor: number, currency: string): string {
	const digits = minorUnitDigits(currency.toUpperCase());
	return digits === 0 ? String(minor) : (minor / 10 ** digits).toFixed(digits);
}
