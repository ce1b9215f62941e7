/**
 * Intl formatters are costly to build and cheap to reuse: one per (locale, currency), kept. The
 * locales are negotiated (src/lib/server/locale.ts), so the set stays small; the bound is a guard.
 */
const formats = new Map<string, Intl.NumberFormat>();
const MAX_FORMATS = 500;

function currencyFormat(locale: string, currency: string) {
	const key = `${locale}|${currency}`;
	let format = formats.get(key);
	if (!format) {
		if (formats.size >= MAX_FORMATS) formats.clear();
		format = new Intl.NumberFormat(locale, { style: 'currency', currency });
		formats.set(key, format);
	}
	return format;
}

/** Digits after the decimal point for a currency (2 for EUR, 0 for JPY), as Intl knows them. */
export function minorUnitDigits(currency: string): number {
	return currencyFormat('en', currency.toUpperCase()).resolvedOptions().maximumFractionDigits ?? 2;
}

/**
 * A price in minor units, in its own currency, written the visitor's way: 1299 EUR is "€12.99"
 * in `en` and "12,99 €" in `de`; 1500 JPY is "¥1,500".
 */
export function formatPrice(minorUnits: number, currency: string, locale = 'en'): string {
	const code = currency.toUpperCase();
	return currencyFormat(locale, code).format(minorUnits / 10 ** minorUnitDigits(code));
}
