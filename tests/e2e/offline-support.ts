import { expect, type Page } from '@playwright/test';

/** Steps of the offline e2e tests that look inside the browser: the service worker, its caches. */

/** The page is controlled by the store's service worker (bounded wait: install + precache). */
export async function expectServiceWorker(page: Page) {
	await page.waitForFunction(
		() => navigator.serviceWorker.controller?.scriptURL.endsWith('/service-worker.js'),
		undefined,
		{ timeout: 20_000 }
	);
}

/** Paths of every entry in this device's content caches (`content-<user id>`). */
export function cachedContentPaths(page: Page) {
	return page.evaluate(async () => {
		const paths: string[] = [];
		for (const name of await caches.keys()) {
			if (!name.startsWith('content-')) continue;
			for (const request of await (await caches.open(name)).keys()) {
				paths.push(new URL(request.url).pathname);
			}
		}
		return paths.sort();
	});
}

/** Width and height from a PNG's IHDR chunk, after checking the signature. */
export function pngSize(bytes: Buffer) {
	expect(bytes.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
	return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

export const offlinePage = (page: Page) =>
	expect(page.getByRole('heading', { level: 1, name: 'You are offline' })).toBeVisible();
