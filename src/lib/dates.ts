/** One date formatter per (locale, style), kept: building an Intl formatter is the costly part. */
const formats = new Map<string, Intl.DateTimeFormat>();
const MAX_FORMATS = 200;

/**
 * A day, written the visitor's way ("Dec 1, 2026", "1 déc. 2026"). In UTC, on the server and in
 * the browser alike, so the page hydrates to the same text (the server does not know the
 * visitor's time zone; a day near midnight may show as the next one).
 */
export function formatDay(
	date: Date | string,
	locale = 'en',
	dateStyle: 'medium' | 'long' = 'medium'
) {
	const key = `${locale}|${dateStyle}`;
	let format = formats.get(key);
	if (!format) {
		if (formats.size >= MAX_FORMATS) formats.clear();
		format = new Intl.DateTimeFormat(locale, { dateStyle, timeZone: 'UTC' });
		formats.set(key, format);
	}
	return format.format(typeof date === 'string' ? new Date(date) : date);
}
