/// <reference no-default-lib="true"/>
/// <reference lib="esnext" />
/// <reference lib="webworker" />
/**
 * The store's service worker, built by SvelteKit, with Workbox's precache list injected by
 * @vite-pwa/sveltekit (injectManifest). The app shell is precached; pages go to the network
 * first; content pages (library, read) are kept per user as they are read and shown from that
 * copy offline; any other page offline gets the offline page. See docs/architecture.md.
 */
import { CacheableResponsePlugin } from 'workbox-cacheable-response';
import { clientsClaim } from 'workbox-core';
import { ExpirationPlugin } from 'workbox-expiration';
import { cleanupOutdatedCaches, matchPrecache, precacheAndRoute } from 'workbox-precaching';
import type { PrecacheEntry } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import { CacheFirst, NetworkFirst } from 'workbox-strategies';
import { contentPage, isDataRequest, offlineReason, pagePath } from '$lib/offline/content';
import { cachedContent, remember, saveForOffline } from '$lib/offline/content-cache';

declare global {
	// Replaced at build time by the list of files to precache (vite-plugin-pwa's injectManifest).
	var __WB_MANIFEST: PrecacheEntry[];
}
const sw = self as unknown as ServiceWorkerGlobalScope;

// The first version controls the open page at once. A new version waits until the page asks it
// to take over ("Update available — Reload", src/lib/offline/app.ts) or every tab of the old one
// is closed, so a page never runs on a shell swapped under it; the content caches it finds are the
// same (content-<user id>), and its rules apply from the reload on.
clientsClaim();
sw.addEventListener('message', (event) => {
	if (event.data?.type === 'SKIP_WAITING') sw.skipWaiting();
});
cleanupOutdatedCaches();
precacheAndRoute(self.__WB_MANIFEST);

const OFFLINE_PAGE = '/offline';
const REASON_MARK = '<!--offline-reason-->';

/** The precached offline page, saying which page was not saved. */
async function offlinePage(path: string) {
	const page = await matchPrecache(OFFLINE_PAGE);
	if (!page) return Response.error();
	const html = (await page.text()).replace(REASON_MARK, escapeHtml(offlineReason(path)));
	return new Response(html, { headers: { 'content-type': 'text/html; charset=utf-8' } });
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * Library and read pages: network first, and the answer decides the device's copy before it is
 * shown (stored for its owner, or dropped once the server redirects: refunded, logged out).
 * Offline, the copy; without one, the offline page. SvelteKit's data requests for these pages
 * (client-side navigation) save the page itself in the background.
 */
registerRoute(
	({ url, request, sameOrigin }) =>
		sameOrigin && request.method === 'GET' && contentPage(pagePath(url.pathname)) !== null,
	async ({ url, request, event }) => {
		const path = pagePath(url.pathname);
		const data = isDataRequest(url.pathname);
		let response: Response;
		try {
			response = await fetch(request);
		} catch (error) {
			if (data) throw error;
			return (await cachedContent(path)) ?? offlinePage(path);
		}
		if (data) {
			if (response.ok) event.waitUntil(saveForOffline(path).catch(() => {}));
		} else if (url.search) {
			// `?checkout=thanks` and the like: keep the plain page, not this one-off.
			event.waitUntil(saveForOffline(path).catch(() => {}));
		} else {
			await remember(path, response.clone());
		}
		return response;
	}
);

/** Every other page: the network, or the offline page. */
registerRoute(
	new NavigationRoute(async ({ request, url }) => {
		try {
			return await fetch(request);
		} catch {
			return offlinePage(url.pathname);
		}
	})
);

// Dynamic public settings and the manifest are served by the app, not built: keep the last copy.
registerRoute(
	({ url, sameOrigin }) =>
		sameOrigin && (url.pathname === '/_app/env.js' || url.pathname === '/manifest.webmanifest'),
	new NetworkFirst({ cacheName: 'app-runtime' })
);

// Uploaded covers (Supabase Storage's public bucket): a new upload gets new names, so a copy never
// goes stale; kept so the library shows its covers offline. Images load without CORS, so the
// answers are opaque (status 0, which cannot be told from an error: hence the bounded cache).
registerRoute(
	({ url, request }) =>
		request.destination === 'image' && url.pathname.startsWith('/storage/v1/object/public/covers/'),
	new CacheFirst({
		cacheName: 'covers',
		plugins: [
			new CacheableResponsePlugin({ statuses: [0, 200] }),
			new ExpirationPlugin({ maxEntries: 300, purgeOnQuotaError: true })
		]
	})
);
