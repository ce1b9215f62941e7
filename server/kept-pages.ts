// The seam between the store's server (server/index.ts) and the pages SvelteKit's hooks keep in
// memory (src/lib/server/page-cache.ts). SvelteKit's build bundles its own copy of every module,
// so the two sides cannot share a variable; they share a registered symbol instead. The cache
// offers its lookup here when the build loads; the server asks it before handing a request to
// SvelteKit, so a kept page costs what a static file costs: no Request object, no routing, no
// hook chain. Whatever the lookup does not answer goes to SvelteKit as before.

/** What a kept page is looked up by: the raw facts of a node:http request. */
export interface KeptPageRequest {
	method: string | undefined;
	/** The request target, as node:http gives it (`/products/x?page=2`). */
	url: string | undefined;
	cookie: string | undefined;
	acceptLanguage: string | undefined;
	acceptEncoding: string | undefined;
}

/** A kept page in one encoding: the status is always 200. */
export interface KeptAnswer {
	headers: [string, string][];
	body: Uint8Array<ArrayBuffer>;
}

export type KeptPageLookup = (request: KeptPageRequest) => KeptAnswer | undefined;

const slot = Symbol.for('storefront.keptPageLookup');
const registry = globalThis as unknown as Record<symbol, KeptPageLookup | undefined>;

/** Called by the page cache when the build loads. */
export function offerKeptPages(lookup: KeptPageLookup) {
	registry[slot] = lookup;
}

/** The page cache's lookup, once the build that holds it has loaded. */
export const keptPageLookup = (): KeptPageLookup | undefined => registry[slot];
