/**
 * The device's copies of paid content, in Cache Storage. Used by the service worker (as pages
 * are read) and by the page (the library's "Save offline", logout's purge): both run this.
 */
import {
	LIBRARY_PATH,
	OWNED_HEADER,
	OWNER_HEADER,
	RENAMED_HEADER,
	cacheDecision,
	contentCacheName,
	contentPage,
	isContentCacheName,
	movedReadPaths,
	parseOwned,
	parseRenamed,
	readPath,
	staleReadPaths
} from './content';

/** Who the content on this device belongs to: the last owner a content page was shown to. */
const META_CACHE = 'offline-meta';
const OWNER_KEY = '/__offline/owner';

export async function currentOwner(): Promise<string | null> {
	// caches.match with a cacheName does not create the cache, unlike caches.open.
	const response = await caches.match(OWNER_KEY, { cacheName: META_CACHE });
	return response ? response.text() : null;
}

/** A new owner on this device: the previous one's copies go, so one account never reads another's. */
async function setOwner(owner: string) {
	if ((await currentOwner()) === owner) return;
	for (const name of await caches.keys()) {
		if (isContentCacheName(name) && name !== contentCacheName(owner)) await caches.delete(name);
	}
	await (await caches.open(META_CACHE)).put(OWNER_KEY, new Response(owner));
}

async function ownerCache() {
	const owner = await currentOwner();
	return owner ? caches.open(contentCacheName(owner)) : null;
}

/** The saved copy of a content page, if this device's owner has one. */
export async function cachedContent(path: string): Promise<Response | undefined> {
	return (await ownerCache())?.match(path);
}

/** Paths of the content pages saved on this device. */
export async function savedPaths(): Promise<string[]> {
	const cache = await ownerCache();
	if (!cache) return [];
	return (await cache.keys()).map((request) => new URL(request.url).pathname);
}

async function forget(paths: string[]) {
	for (const name of await caches.keys()) {
		if (!isContentCacheName(name)) continue;
		const cache = await caches.open(name);
		for (const path of paths) await cache.delete(path);
	}
}

/**
 * Keeps, replaces or removes the copy of a content page after a fresh answer for it. A library
 * answer also removes the read pages of items it no longer lists (refunded, disputed).
 */
export async function remember(path: string, response: Response) {
	const page = contentPage(path);
	if (!page) return;
	const owner = response.headers.get(OWNER_HEADER);
	const decision = cacheDecision({
		status: response.status,
		redirected: response.redirected || response.type === 'opaqueredirect',
		owner
	});
	if (decision === 'drop') return forget([path]);
	if (decision === 'keep' || !owner) return;
	await setOwner(owner);
	const cache = await caches.open(contentCacheName(owner));
	await cache.put(path, response);
	const owned = parseOwned(response.headers.get(OWNED_HEADER));
	if (page.kind === 'library' && owned) {
		const paths = async () => (await cache.keys()).map((request) => new URL(request.url).pathname);
		const renamed = parseRenamed(response.headers.get(RENAMED_HEADER));
		for (const [from, to] of movedReadPaths(await paths(), renamed)) {
			const copy = await cache.match(from);
			if (copy) await cache.put(to, copy);
			await cache.delete(from);
		}
		await forget(staleReadPaths(await paths(), owned));
	}
}

/** Fetches a content page as its owner sees it now and remembers the answer. */
export async function saveForOffline(path: string) {
	const response = await fetch(path, { credentials: 'same-origin', redirect: 'manual' });
	await remember(path, response);
}

/** The store answered, but not with the item for this buyer (logged out, refunded): nothing kept. */
export class NotSentError extends Error {
	name = 'NotSentError';
}

/** "Save offline" in the library: the item's read page, and the library that lists it. */
export async function saveItem(slug: string) {
	await saveForOffline(readPath(slug));
	if (!(await cachedContent(readPath(slug)))) throw new NotSentError(`${slug} was not sent`);
	await saveForOffline(LIBRARY_PATH);
}

/** Removes every copy of paid content from this device (logout). */
export async function purgeOfflineContent() {
	if (typeof caches === 'undefined') return;
	for (const name of await caches.keys()) {
		if (isContentCacheName(name)) await caches.delete(name);
	}
	await caches.delete(META_CACHE);
}
