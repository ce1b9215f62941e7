import { match } from '@formatjs/intl-localematcher';
import Negotiator from 'negotiator';
import { memoized } from './memo';

/** The store's own language, and the locale of visitors who state none Node's Intl can serve. */
export const DEFAULT_LOCALE = 'en';

/** A header longer than this, or more languages than this, is someone's experiment: cut. */
const MAX_HEADER = 512;
const MAX_LANGUAGES = 12;

/** `de-CH` from `de-ch`, without Unicode extensions (`-u-nu-arab`): null for what is not a tag. */
function baseName(tag: string) {
	try {
		return new Intl.Locale(tag).baseName;
	} catch {
		return null;
	}
}

/** The locale Node's Intl formats a requested one with (`en-ZZ` → `en`), if it has one. */
function supported(tag: string) {
	if (Intl.DateTimeFormat.supportedLocalesOf([tag]).length === 0) return null;
	return new Intl.DateTimeFormat(tag).resolvedOptions().locale;
}

/**
 * The visitor's locale for prices and dates, from their Accept-Language (parsed by `negotiator`,
 * quality values honoured), matched by `@formatjs/intl-localematcher` against what Node's Intl
 * supports. Base names only: the result is one of a bounded set, so a cache of rendered pages
 * can key on it, and a header cannot switch numbering systems or calendars.
 */
function negotiate(header: string): string {
	const languages = new Negotiator({ headers: { 'accept-language': header.slice(0, MAX_HEADER) } })
		.languages()
		.slice(0, MAX_LANGUAGES);
	const requested = languages.flatMap((tag) => baseName(tag) ?? []);
	const available = requested.flatMap((tag) => supported(tag) ?? []);
	if (available.length === 0) return DEFAULT_LOCALE;
	return match(requested, available, DEFAULT_LOCALE, { algorithm: 'best fit' });
}

/** Browsers send few distinct headers, and negotiating one costs Intl lookups: remembered. */
const negotiated = memoized(negotiate, 1000);

/** `negotiate` for a header (remembered: it is pure); no header is the store's own locale. */
export const negotiateLocale = (header: string | null | undefined): string =>
	header ? negotiated(header) : DEFAULT_LOCALE;
