/**
 * The notices of every page, drawn by the server (src/lib/components: ConnectionStatus,
 * InstallPrompt, UpdatePrompt; hidden until needed) and brought to life here without Svelte.
 */
import { IOS_HINT_KEY, iosSafariNotInstalled, type BeforeInstallPromptEvent } from '$lib/install';
import { applyUpdate } from '$lib/offline/app';

const BACK_ONLINE_MS = 4000;

/** "Offline: …" while the device is offline, "Back online." for a moment once it is back. */
export function followConnection(status: HTMLElement) {
	let timer: ReturnType<typeof setTimeout> | undefined;
	const show = (back: boolean) => {
		clearTimeout(timer);
		status.toggleAttribute('data-offline', !navigator.onLine);
		status.textContent = !navigator.onLine
			? 'Offline: what you saved on this device still opens.'
			: back
				? 'Back online.'
				: '';
		if (back) timer = setTimeout(() => show(false), BACK_ONLINE_MS);
	};
	show(false);
	addEventListener('offline', () => show(false));
	addEventListener('online', () => show(true));
}

/** Chromium's offer to install, behind our own button; Safari on iOS gets its hint once. */
export function offerInstall(offer: HTMLElement, iosHint: HTMLElement) {
	let event: BeforeInstallPromptEvent | undefined;
	const close = () => {
		event = undefined;
		offer.hidden = true;
	};
	addEventListener('beforeinstallprompt', (e) => {
		// Our own button instead of the browser's mini-infobar.
		e.preventDefault();
		event = e as BeforeInstallPromptEvent;
		offer.hidden = false;
	});
	addEventListener('appinstalled', close);
	offer.querySelector('[data-install]')?.addEventListener('click', () => {
		const taken = event;
		close();
		void taken?.prompt();
	});
	offer.querySelector('[data-close]')?.addEventListener('click', close);
	iosHint.querySelector('[data-close]')?.addEventListener('click', () => (iosHint.hidden = true));

	const standalone = (navigator as Navigator & { standalone?: boolean }).standalone === true;
	if (!iosSafariNotInstalled(navigator.userAgent, navigator.maxTouchPoints, standalone)) return;
	try {
		if (localStorage.getItem(IOS_HINT_KEY)) return;
		localStorage.setItem(IOS_HINT_KEY, new Date().toISOString());
		iosHint.hidden = false;
	} catch {
		// No storage (private mode): no hint rather than one on every page.
	}
}

/**
 * "Update available — Reload": returns the function that shows it for a new version waiting to
 * take over (the newest, if the worker reports more than one).
 */
export function updateNotice(notice: HTMLElement) {
	const button = notice.querySelector('button');
	let waiting: ServiceWorker | undefined;
	button?.addEventListener('click', () => {
		if (!waiting) return;
		button.disabled = true;
		button.textContent = 'Reloading…';
		applyUpdate(waiting);
	});
	return (worker: ServiceWorker) => {
		waiting = worker;
		notice.hidden = false;
	};
}
