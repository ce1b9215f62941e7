import { brotliCompressSync, gzipSync } from 'node:zlib';
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

type Encoding = 'br' | 'gzip';

/** A page's bytes as rendered and compressed once (the store compresses no other page). */
interface KeptPage {
	body: Uint8Array<ArrayBuffer>;
	encoded: Record<Encoding, Uint8Array<ArrayBuffer>>;
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

/** Brotli, else gzip, when Accept-Encoding takes it (`;q=0` refuses); else the bytes as they are. */
export function chosenEncoding(accept: string | null): Encoding | null {
	const taken = (accept ?? '')
		.toLowerCase()
		.split(',')
		.map((part) => part.split(';').map((s) => s.trim()))
		.filter(([, q]) => !q || !/^q=0(\.0*)?$/.test(q))
		.map(([name]) => name);
	return taken.includes('br') ? 'br' : taken.includes('gzip') ? 'gzip' : null;
}

/** A kept page, as a new Response in the encoding the request takes. */
export function keptPage({ key }: SharedPage, acceptEncoding: string | null): Response | undefined {
	const page = pages.get(key);
	if (!page) return undefined;
	const encoding = chosenEncoding(acceptEncoding);
	if (!encoding) return new Response(page.body, { headers: page.headers });
	const headers = new Headers(page.headers);
	headers.set('content-encoding', encoding);
	headers.set('content-length', String(page.encoded[encoding].byteLength));
	// An ETag names one representation: the compressed one is another.
	const etag = headers.get('etag');
	if (etag) headers.set('etag', etag.replace(/"$/, `-${encoding}"`));
	return new Response(page.encoded[encoding], { headers });
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
		const encoded = {
			br: new Uint8Array(brotliCompressSync(body)),
			gzip: new Uint8Array(gzipSync(body, { level: 9 }))
		};
		pages.set(page.key, { body, encoded, headers });
		bytes += body.byteLength + encoded.br.byteLength + encoded.gzip.byteLength;
	}
	return new Response(body, { status: response.status, headers });
}
