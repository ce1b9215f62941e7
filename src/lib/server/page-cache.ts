import type { RequestEvent } from '@sveltejs/kit';
import { isSessionCookie, SHARED_ROUTES } from './cache-policy';
import { catalogueIsWatched, onCatalogueChange } from './catalogue-changes';
import { negotiateLocale } from './locale';

/**
 * Rendered pages that are the same for every logged-out visitor (the shop and product pages),
 * kept in memory and answered again, byte for byte, until the catalogue changes: such a visit
 * then costs what a static file costs, with no query, no session check and no rendering. What a
 * page varies on is in its key (the visitor's negotiated locale, the path, the shop's page number);
 * a page for one person is never kept: one with a session cookie is not looked up, one that sets a
 * cookie or that the Cache-Control handle did not mark public (src/lib/server/cache-policy.ts: no
 * user shown, no session cookie) is not stored. Pages carry CSP hashes, not nonces
 * (svelte.config.js), since a nonce answered twice is no nonce (docs/architecture.md).
 */

interface KeptPage {
	body: ArrayBuffer;
	headers: [string, string][];
}

/** Bytes kept at most (a page is a few KB: thousands of products, in every key). */
const MAX_BYTES = 64 * 1024 * 1024;

const pages = new Map<string, KeptPage>();
let bytes = 0;
/** Counts catalogue changes: a page rendered across one is not kept (its data may be older). */
let generation = 0;

onCatalogueChange(() => {
	pages.clear();
	bytes = 0;
	generation++;
});

/** Query strings a shared page may carry and still be kept (anything else is rendered). */
const keptQuery = /^(\?page=[1-9]\d{0,5})?$/;

export interface SharedPage {
	key: string;
	generation: number;
}

/**
 * The key of a page every logged-out visitor sees alike, or null when this request may be for
 * one person or asks for something else (a form action, `__data.json`, an unusual query).
 */
export function sharedPage(event: RequestEvent): SharedPage | null {
	if (event.request.method !== 'GET' || event.isDataRequest) return null;
	if (!SHARED_ROUTES.has(event.route.id ?? '') || !keptQuery.test(event.url.search)) return null;
	if (event.cookies.getAll().some(({ name }) => isSessionCookie(name))) return null;
	if (!catalogueIsWatched()) return null;
	// The locale the page is written in (Content-Language), one of a bounded set.
	const locale = negotiateLocale(event.request.headers.get('accept-language'));
	return { key: `${locale} ${event.url.pathname}${event.url.search}`, generation };
}

/** A kept page, as a new Response. */
export function keptPage({ key }: SharedPage): Response | undefined {
	const page = pages.get(key);
	return page && new Response(page.body, { headers: page.headers });
}

/**
 * Keeps a rendered page if it may be shared, and returns what to answer (the response's body
 * can be read once: a kept page is answered from the bytes read).
 */
export async function keepPage(page: SharedPage, response: Response): Promise<Response> {
	const shareable =
		response.status === 200 &&
		!response.headers.has('set-cookie') &&
		response.headers.get('cache-control')?.startsWith('public') &&
		response.headers.get('content-type')?.startsWith('text/html');
	if (!shareable) return response;
	const body = await response.arrayBuffer();
	const headers: [string, string][] = [];
	response.headers.forEach((value, name) => headers.push([name, value]));
	const current = page.generation === generation && catalogueIsWatched();
	if (current && !pages.has(page.key) && bytes + body.byteLength <= MAX_BYTES) {
		pages.set(page.key, { body, headers });
		bytes += body.byteLength;
	}
	return new Response(body, { status: response.status, headers });
}
