/** Minor units shown in their currency, with that currency's own number of decimals (¥500, $5.00). */
export function formatAmount(amount: number, currency: string, locale = 'en-US'): string {
	const format = new Intl.NumberFormat(locale, {
		style: 'currency',
		currency: currency.toUpperCase()
	});
	const decimals = format.resolvedOptions().maximumFractionDigits ?? 2;
	return format.format(amount / 10 ** decimals);
}
