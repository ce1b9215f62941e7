import { brotliCompressSync, gzipSync } from 'node:zlib';
import type { RequestEvent } from '@sveltejs/kit';
import { isSessionCookie, SHARED_ROUTES } from './cache-policy';
import { catalogueIsWatched, onCatalogueChange } from './catalogue-changes';
import { keptQuery, pageKey, rawRequestPageKey } from './page-key';
import { offerKeptPages, type KeptAnswer, type KeptPageRequest } from '../../../server/kept-pages';

/**
 * Rendered pages that are the same for every logged-out visitor (the shop and product pages),
 * kept in memory and answered again, byte for byte, until the catalogue changes: such a visit
 * then costs what a static file costs, with no query, no session check and no rendering. What a
 * page varies on is in its key (the visitor's negotiated locale, the path, the shop's page number);
 * a page for one person is never kept: one with a session cookie is not looked up, one that sets a
 * cookie or that the Cache-Control handle did not mark public (src/lib/server/cache-policy.ts: no
 * user shown, no session cookie) is not stored. Pages carry CSP hashes, not nonces
 * (svelte.config.js), since a nonce answered twice is no nonce (docs/architecture.md).
 *
 * The store's server answers a kept page before SvelteKit sees the request (`lookUpKeptPage`,
 * offered through server/kept-pages.ts); the first handle answers it too, for hosts that run
 * SvelteKit's handler alone (`vite preview`, adapter-node's own entry).
 */

type Encoding = 'br' | 'gzip' | 'identity';

/** A page as rendered, and compressed once (the store compresses no other page), ready to send. */
type KeptPage = Record<Encoding, KeptAnswer>;

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
	return { key: pageKey(event.request.headers.get('accept-language'), event.url), generation };
}

/**
 * A kept page for a raw node:http request, for the store's server to answer before SvelteKit
 * (server/kept-pages.ts), or undefined for anything else. It decides as `sharedPage` does: a GET
 * with no session cookie and a query a shared page may carry, while the catalogue is watched;
 * the URL is read as SvelteKit reads it (the request target after the origin), so both find the
 * same key. Data requests (`__data.json`) and form actions are never kept, so never found.
 */
export function lookUpKeptPage(request: KeptPageRequest): KeptAnswer | undefined {
	if (pages.size === 0 || !catalogueIsWatched()) return;
	const key = rawRequestPageKey(request);
	const page = key === undefined ? undefined : pages.get(key);
	return page?.[chosenEncoding(request.acceptEncoding ?? null)];
}

offerKeptPages(lookUpKeptPage);

/** Brotli, else gzip, when Accept-Encoding takes it (`;q=0` refuses); else the bytes as they are. */
export function chosenEncoding(accept: string | null): Encoding {
	const taken = (accept ?? '')
		.toLowerCase()
		.split(',')
		.map((part) => part.split(';').map((s) => s.trim()))
		.filter(([, q]) => !q || !/^q=0(\.0*)?$/.test(q))
		.map(([name]) => name);
	return taken.includes('br') ? 'br' : taken.includes('gzip') ? 'gzip' : 'identity';
}

/** A kept page, as a new Response in the encoding the request takes. */
export function keptPage({ key }: SharedPage, acceptEncoding: string | null): Response | undefined {
	const answer = pages.get(key)?.[chosenEncoding(acceptEncoding)];
	return answer && new Response(answer.body, { headers: answer.headers });
}

/** The page's headers for one encoding of its body. */
function encodedAs(headers: [string, string][], encoding: Encoding, body: Uint8Array<ArrayBuffer>) {
	const named = new Headers(headers);
	named.set('content-length', String(body.byteLength));
	if (encoding !== 'identity') {
		named.set('content-encoding', encoding);
		// An ETag names one representation: the compressed one is another.
		const etag = named.get('etag');
		if (etag) named.set('etag', etag.replace(/"$/, `-${encoding}"`));
	}
	const pairs: [string, string][] = [];
	named.forEach((value, name) => pairs.push([name, value]));
	return { headers: pairs, body };
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
	const body = new Uint8Array(await response.arrayBuffer());
	response.headers.append('vary', 'Accept-Encoding');
	const headers: [string, string][] = [];
	response.headers.forEach((value, name) => headers.push([name, value]));
	const current = page.generation === generation && catalogueIsWatched();
	if (current && !pages.has(page.key) && bytes + 2 * body.byteLength <= MAX_BYTES) {
		const br = new Uint8Array(brotliCompressSync(body));
		const gzip = new Uint8Array(gzipSync(body, { level: 9 }));
		pages.set(page.key, {
			identity: encodedAs(headers, 'identity', body),
			br: encodedAs(headers, 'br', br),
			gzip: encodedAs(headers, 'gzip', gzip)
		});
		bytes += body.byteLength + br.byteLength + gzip.byteLength;
	}
	return new Response(body, { status: response.status, headers });
}
