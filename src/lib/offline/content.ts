/**
 * Which responses hold paid content and where a device keeps them: the rules the service worker
 * and the library page share. Pure, so they are unit-tested without a browser.
 */

/** Response header naming the logged-in user on a content page: the cache it belongs to. */
export const OWNER_HEADER = 'x-offline-owner';
/** Response header of the library: the slugs the user still owns, comma-separated. */
export const OWNED_HEADER = 'x-offline-owned';
/** Response header of the library: owned items whose slug changed, as `old:new` pairs, comma-separated. */
export const RENAMED_HEADER = 'x-offline-renamed';

const CONTENT_CACHE_PREFIX = 'content-';
const DATA_SUFFIX = '/__data.json';
const READ_PATH = /^\/products\/([a-z0-9]+(?:-[a-z0-9]+)*)\/read$/;

/** One cache per user, so a second account on the device never reads the first one's copies. */
export const contentCacheName = (userId: string) => `${CONTENT_CACHE_PREFIX}${userId}`;
export const isContentCacheName = (name: string) => name.startsWith(CONTENT_CACHE_PREFIX);

export const readPath = (slug: string) => `/products/${slug}/read`;
export const LIBRARY_PATH = '/library';

/** SvelteKit's client router loads `/x` through `/x/__data.json`. */
export const isDataRequest = (pathname: string) => pathname.endsWith(DATA_SUFFIX);

/** The page a request is for, with SvelteKit's data suffix removed. */
export function pagePath(pathname: string) {
	if (!isDataRequest(pathname)) return pathname;
	return pathname.slice(0, -DATA_SUFFIX.length) || '/';
}

export type ContentPage = { kind: 'library' } | { kind: 'read'; slug: string };

/** The pages that show what a user bought (and so are kept per user), or null for any other. */
export function contentPage(path: string): ContentPage | null {
	if (path === LIBRARY_PATH) return { kind: 'library' };
	const slug = READ_PATH.exec(path)?.[1];
	return slug ? { kind: 'read', slug } : null;
}

export interface ContentResponse {
	status: number;
	/** A redirect answered the request (followed, or kept opaque as navigations do). */
	redirected: boolean;
	/** The OWNER_HEADER value, present only when the server showed the content to its owner. */
	owner: string | null;
}

/**
 * What a fresh answer for a content page means for its cached copy: `store` the content shown to
 * its owner; `drop` it when the server now redirects or refuses (refunded, disputed, logged out);
 * `keep` it through a server failure, which says nothing about ownership.
 */
export function cacheDecision({ status, redirected, owner }: ContentResponse) {
	if (redirected) return 'drop';
	if (status >= 500) return 'keep';
	if (status === 200 && owner) return 'store';
	return 'drop';
}

export function parseOwned(header: string | null): string[] | null {
	if (header === null) return null;
	return header.split(',').filter((slug) => slug !== '');
}

/** Cached read pages whose item the library no longer lists. */
export function staleReadPaths(cachedPaths: string[], ownedSlugs: string[]) {
	const owned = new Set(ownedSlugs);
	return cachedPaths.filter((path) => {
		const page = contentPage(path);
		return page?.kind === 'read' && !owned.has(page.slug);
	});
}

export function parseRenamed(header: string | null): [from: string, to: string][] {
	if (!header) return [];
	return header
		.split(',')
		.map((pair) => pair.split(':'))
		.filter((pair): pair is [string, string] => pair.length === 2 && pair.every(Boolean));
}

/**
 * Cached read pages of items whose slug changed, with the path each copy moves to (unless a copy
 * under the new path exists already): a seller's rename never costs a buyer the offline copy.
 */
export function movedReadPaths(cachedPaths: string[], renamed: [string, string][]) {
	const cached = new Set(cachedPaths);
	return renamed
		.map(([from, to]) => [readPath(from), readPath(to)] as const)
		.filter(([from, to]) => cached.has(from) && !cached.has(to));
}

/** The sentence the offline page shows for a page that was not saved on this device. */
export function offlineReason(path: string) {
	const page = contentPage(path);
	if (page?.kind === 'read') {
		return `“${page.slug}” was not saved on this device. Open it once while online, or press “Save offline” in your library.`;
	}
	return 'This page was not saved on this device.';
}
