import { describe, expect, it } from 'vitest';
import {
	cacheDecision,
	contentCacheName,
	contentPage,
	isContentCacheName,
	offlineReason,
	pagePath,
	parseOwned,
	readPath,
	staleReadPaths,
	movedReadPaths,
	parseRenamed
} from '../../src/lib/offline/content';

describe('content caches', () => {
	it('names one cache per user and recognises only those', () => {
		expect(contentCacheName('u1')).toBe('content-u1');
		expect(contentCacheName('u1')).not.toBe(contentCacheName('u2'));
		expect(isContentCacheName(contentCacheName('u1'))).toBe(true);
		expect(isContentCacheName('workbox-precache-v2-http://x/')).toBe(false);
		expect(isContentCacheName('offline-meta')).toBe(false);
	});
});

describe('content pages', () => {
	it('are the library and the read pages, not the product pages or anything else', () => {
		expect(contentPage('/library')).toEqual({ kind: 'library' });
		expect(contentPage(readPath('night-photography'))).toEqual({
			kind: 'read',
			slug: 'night-photography'
		});
		expect(contentPage('/products/night-photography')).toBeNull();
		expect(contentPage('/products/night-photography/return')).toBeNull();
		expect(contentPage('/products/../read')).toBeNull();
		expect(contentPage('/library/extra')).toBeNull();
		expect(contentPage('/')).toBeNull();
	});

	it("map SvelteKit's data requests to the page they load", () => {
		expect(pagePath('/products/a-b/read/__data.json')).toBe('/products/a-b/read');
		expect(pagePath('/library/__data.json')).toBe('/library');
		expect(pagePath('/__data.json')).toBe('/');
		expect(pagePath('/library')).toBe('/library');
	});
});

describe('cacheDecision', () => {
	it('stores content shown to its owner', () => {
		expect(cacheDecision({ status: 200, redirected: false, owner: 'u1' })).toBe('store');
	});

	it('drops a copy when the server now redirects or refuses', () => {
		expect(cacheDecision({ status: 0, redirected: true, owner: null })).toBe('drop');
		expect(cacheDecision({ status: 200, redirected: true, owner: null })).toBe('drop');
		expect(cacheDecision({ status: 404, redirected: false, owner: null })).toBe('drop');
		expect(cacheDecision({ status: 200, redirected: false, owner: null })).toBe('drop');
	});

	it('keeps the copy through a server failure', () => {
		expect(cacheDecision({ status: 503, redirected: false, owner: null })).toBe('keep');
	});
});

describe('pruning the library', () => {
	it('finds cached read pages of items no longer owned', () => {
		const cached = ['/library', readPath('a'), readPath('b')];
		expect(staleReadPaths(cached, ['a'])).toEqual([readPath('b')]);
		expect(staleReadPaths(cached, ['a', 'b'])).toEqual([]);
		expect(staleReadPaths(cached, [])).toEqual([readPath('a'), readPath('b')]);
	});

	it('moves the copies of items whose slug changed, unless the new one is there already', () => {
		const cached = ['/library', readPath('old'), readPath('kept'), readPath('other')];
		expect(
			movedReadPaths(cached, [
				['old', 'new'],
				['kept', 'other'],
				['gone', 'elsewhere']
			])
		).toEqual([[readPath('old'), readPath('new')]]);
		expect(parseRenamed('old:new,a:b')).toEqual([
			['old', 'new'],
			['a', 'b']
		]);
		expect(parseRenamed('broken,:x,')).toEqual([]);
		expect(parseRenamed(null)).toEqual([]);
	});

	it('reads the owned header, empty for an empty library, null when absent', () => {
		expect(parseOwned('a,b')).toEqual(['a', 'b']);
		expect(parseOwned('')).toEqual([]);
		expect(parseOwned(null)).toBeNull();
	});
});

describe('offlineReason', () => {
	it('names the item that was not saved', () => {
		expect(offlineReason(readPath('bike-repair-basics'))).toContain(
			'“bike-repair-basics” was not saved'
		);
		expect(offlineReason('/products/x')).toBe('This page was not saved on this device.');
	});
});
