import { beforeEach, describe, expect, it, vi } from 'vitest';
import {
	OWNED_HEADER,
	RENAMED_HEADER,
	OWNER_HEADER,
	readPath
} from '../../src/lib/offline/content';
import {
	cachedContent,
	currentOwner,
	purgeOfflineContent,
	remember,
	savedPaths
} from '../../src/lib/offline/content-cache';

/** Cache Storage as the browser has it, keyed by path, enough for the module under test. */
const ORIGIN = 'https://store.test';
const pathOf = (request: RequestInfo | URL) =>
	new URL(
		typeof request === 'string' ? request : 'url' in request ? request.url : request.href,
		ORIGIN
	).pathname;

class MemoryCache {
	entries = new Map<string, Response>();
	async match(request: RequestInfo | URL) {
		return this.entries.get(pathOf(request))?.clone();
	}
	async put(request: RequestInfo | URL, response: Response) {
		this.entries.set(pathOf(request), response);
	}
	async delete(request: RequestInfo | URL) {
		return this.entries.delete(pathOf(request));
	}
	async keys() {
		return [...this.entries.keys()].map((path) => new Request(`${ORIGIN}${path}`));
	}
}

class MemoryCacheStorage {
	named = new Map<string, MemoryCache>();
	async open(name: string) {
		if (!this.named.has(name)) this.named.set(name, new MemoryCache());
		return this.named.get(name)!;
	}
	async keys() {
		return [...this.named.keys()];
	}
	async match(request: RequestInfo | URL, { cacheName }: { cacheName: string }) {
		return this.named.get(cacheName)?.match(request);
	}
	async delete(name: string) {
		return this.named.delete(name);
	}
}

let storage: MemoryCacheStorage;
beforeEach(() => {
	storage = new MemoryCacheStorage();
	vi.stubGlobal('caches', storage);
});

const page = (owner: string | null, body = 'content', extra: Record<string, string> = {}) =>
	new Response(body, {
		status: 200,
		headers: { ...(owner && { [OWNER_HEADER]: owner }), ...extra }
	});

describe('remember', () => {
	it("stores content shown to its owner in that user's cache", async () => {
		await remember(readPath('a'), page('u1', 'full text of a'));
		expect(await currentOwner()).toBe('u1');
		expect(await storage.keys()).toContain('content-u1');
		expect(await (await cachedContent(readPath('a')))?.text()).toBe('full text of a');
		expect(await savedPaths()).toEqual([readPath('a')]);
	});

	it('ignores pages that are not content', async () => {
		await remember('/products/a', page('u1'));
		expect(await savedPaths()).toEqual([]);
	});

	it('drops the copy when the page now redirects (refunded, logged out), keeps it on a 5xx', async () => {
		await remember(readPath('a'), page('u1'));
		await remember(readPath('a'), new Response('oops', { status: 503 }));
		expect(await savedPaths()).toEqual([readPath('a')]);
		await remember(readPath('a'), new Response(null, { status: 303 }));
		expect(await savedPaths()).toEqual([]);
	});

	it('drops read pages the library no longer lists', async () => {
		await remember(readPath('a'), page('u1'));
		await remember(readPath('b'), page('u1'));
		await remember('/library', page('u1', 'library', { [OWNED_HEADER]: 'b' }));
		expect((await savedPaths()).sort()).toEqual(['/library', readPath('b')]);
	});

	it('moves the copy of an item the seller renamed, instead of dropping it', async () => {
		await remember(readPath('old-name'), page('u1', 'full text'));
		await remember(
			'/library',
			page('u1', 'library', { [OWNED_HEADER]: 'new-name', [RENAMED_HEADER]: 'old-name:new-name' })
		);
		expect((await savedPaths()).sort()).toEqual(['/library', readPath('new-name')]);
		expect(await (await cachedContent(readPath('new-name')))?.text()).toBe('full text');
	});

	it("removes the previous user's copies when another user reads on the device", async () => {
		await remember(readPath('a'), page('u1'));
		await remember(readPath('b'), page('u2'));
		expect(await storage.keys()).not.toContain('content-u1');
		expect(await cachedContent(readPath('a'))).toBeUndefined();
		expect(await savedPaths()).toEqual([readPath('b')]);
	});
});

describe('purgeOfflineContent', () => {
	it('removes every content cache and who owned them, and nothing else', async () => {
		await remember(readPath('a'), page('u1'));
		await storage.open('workbox-precache-v2');
		await purgeOfflineContent();
		expect(await currentOwner()).toBeNull();
		expect(await storage.keys()).toEqual(['workbox-precache-v2']);
	});
});
