/** How often an app left open looks for a new version (also whenever it is shown again). */
const UPDATE_CHECK_MS = 60 * 60 * 1000;

/**
 * Registers the service worker (src/service-worker.ts, built by SvelteKit with Workbox's precache
 * list injected by @vite-pwa/sveltekit; only in production builds, dev has none) and calls
 * `onWaiting` when a new version is installed and waits to take over. Failing to register
 * leaves an ordinary online store.
 */
export async function registerServiceWorker(onWaiting: (worker: ServiceWorker) => void) {
	if (!('serviceWorker' in navigator)) return;
	let registration: ServiceWorkerRegistration;
	try {
		registration = await navigator.serviceWorker.register('/service-worker.js', { scope: '/' });
	} catch (error) {
		console.warn('Service worker not registered; the store works online only.', error);
		return;
	}
	// A waiting worker with a controller in place is an update (the first install has none).
	const offer = (worker: ServiceWorker | null) => {
		if (worker && navigator.serviceWorker.controller) onWaiting(worker);
	};
	offer(registration.waiting);
	registration.addEventListener('updatefound', () => {
		const installing = registration.installing;
		installing?.addEventListener('statechange', () => {
			if (installing.state === 'installed') offer(installing);
		});
	});
	// Client-side navigation never fetches the worker again: an app left open asks now and then.
	let checked = Date.now();
	document.addEventListener('visibilitychange', () => {
		if (document.visibilityState !== 'visible' || Date.now() - checked < UPDATE_CHECK_MS) return;
		checked = Date.now();
		registration.update().catch(() => {});
	});
}

/** "Reload": the waiting version takes over, and the page reloads on it (shell and rules alike). */
export function applyUpdate(worker: ServiceWorker) {
	navigator.serviceWorker.addEventListener('controllerchange', () => location.reload(), {
		once: true
	});
	worker.postMessage({ type: 'SKIP_WAITING' });
}
