import type { KeptPageRequest } from '../../../server/kept-pages';
import { isSessionCookie } from './cache-policy';
import { negotiateLocale } from './locale';

/**
 * What a page every logged-out visitor sees alike is kept under (src/lib/server/page-cache.ts):
 * the locale it is written in (Content-Language, one of a bounded set), the path and the query.
 * Pure, so the store's server and SvelteKit's hook, which read a request differently, are shown
 * to find the same key (tests/unit/page-key.test.ts).
 */
export const pageKey = (acceptLanguage: string | null, url: URL) =>
	`${negotiateLocale(acceptLanguage)} ${url.pathname}${url.search}`;

/** Query strings a shared page may carry and still be kept (anything else is rendered). */
export const keptQuery = /^(\?page=[1-9]\d{0,5})?$/;

/** Whether a Cookie header carries a Supabase session (read as SvelteKit's `cookies` reads it). */
export const hasSessionCookie = (cookie: string | undefined) =>
	!!cookie && cookie.split(';').some((pair) => isSessionCookie(pair.split('=')[0].trim()));

/**
 * The key a raw node:http request would find a kept page under, or undefined when it may be for
 * one person or asks for something else: not a GET, a session cookie, an unusual query. The URL
 * is read as SvelteKit's adapter reads it (the request target after the origin).
 */
export function rawRequestPageKey(request: KeptPageRequest): string | undefined {
	if (request.method !== 'GET' || !request.url?.startsWith('/')) return;
	if (hasSessionCookie(request.cookie)) return;
	let url: URL;
	try {
		url = new URL(`http://kept.invalid${request.url}`);
	} catch {
		return;
	}
	if (!keptQuery.test(url.search)) return;
	return pageKey(request.acceptLanguage ?? null, url);
}
