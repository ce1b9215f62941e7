/** Digits after the decimal point for a currency (2 for EUR, 0 for JPY), as Intl knows them. */
export function minorUnitDigits(currency: string): number {
	return (
		new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions()
			.maximumFractionDigits ?? 2
	);
}

/** A price in minor units, formatted for its currency: 1299 EUR → "€12.99", 1500 JPY → "¥1,500". */
export function formatPrice(minorUnits: number, currency: string, locale = 'en'): string {
	const code = currency.toUpperCase();
	const digits = minorUnitDigits(code);
	return new Intl.NumberFormat(locale, { style: 'currency', currency: code }).format(
		minorUnits / 10 ** digits
	);
}
