/**
 * Installing the store as an app: Chromium offers it with `beforeinstallprompt` (the page shows
 * an Install button); Safari on iPhone and iPad has no such event, only Share → Add to Home
 * Screen, which the page explains once. Pure, so it is unit-tested without a browser.
 */

/** Remembered in localStorage once the iOS hint has been shown: it is shown once. */
export const IOS_HINT_KEY = 'install-hint-shown';

/** The event Chromium fires when the page may be installed (not in TypeScript's DOM types). */
export interface BeforeInstallPromptEvent extends Event {
	prompt(): Promise<unknown>;
	userChoice: Promise<{ outcome: 'accepted' | 'dismissed' }>;
}

/**
 * Safari on an iPhone or iPad, not yet opened from the home screen. iPadOS presents itself as a
 * Mac, told apart by its touch screen. Other iOS browsers (Chrome, Firefox, Edge) say so in
 * their user agent; only Safari installs web apps there.
 */
export function iosSafariNotInstalled(
	userAgent: string,
	maxTouchPoints: number,
	standalone = false
) {
	if (standalone) return false;
	const ios =
		/iPhone|iPad|iPod/.test(userAgent) || (/Macintosh/.test(userAgent) && maxTouchPoints > 1);
	const otherBrowser = /CriOS|FxiOS|EdgiOS|OPiOS|GSA\//.test(userAgent);
	return ios && /Safari\//.test(userAgent) && !otherBrowser;
}
