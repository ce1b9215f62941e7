import type { BeforeNavigate } from '@sveltejs/kit';

/**
 * Registers the service worker (src/service-worker.ts, built by SvelteKit with Workbox's precache list
 * injected by @vite-pwa/sveltekit; only in
 * production builds, dev has none). Failing to register leaves an ordinary online store.
 */
export function registerServiceWorker() {
	if (!('serviceWorker' in navigator)) return;
	navigator.serviceWorker.register('/service-worker.js', { scope: '/' }).catch((error: unknown) => {
		console.warn('Service worker not registered; the store works online only.', error);
	});
}

/**
 * Offline, a client-side navigation would fetch the page's data and fail with an error page;
 * a full navigation instead reaches the service worker, which shows the saved copy or the
 * offline page.
 */
export function navigateFullyWhenOffline({ to, type, cancel }: BeforeNavigate) {
	if (navigator.onLine || type === 'leave' || !to || to.url.origin !== location.origin) return;
	cancel();
	location.href = to.url.href;
}
