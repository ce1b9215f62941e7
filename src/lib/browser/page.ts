/**
 * The script of every page of the store. The pages are rendered by the server and do not
 * hydrate (`csr = false` in src/routes/+layout.server.ts; the studio does): what they do in the
 * browser is here, in plain modules, and what only some pages need is imported when they need it.
 * See docs/architecture.md, "Fast pages".
 */
import { registerServiceWorker } from '$lib/offline/app';
import { enhanceForms } from './forms';
import { followConnection, offerInstall, updateNotice } from './notices';

const find = <T extends HTMLElement = HTMLElement>(selector: string) =>
	document.querySelector<T>(selector);

enhanceForms();

const connection = find('[data-connection]');
if (connection) followConnection(connection);
const offer = find('[data-install-offer]');
const hint = find('[data-install-hint]');
if (offer && hint) offerInstall(offer, hint);

// Production builds only: the worker needs Workbox's precache list, injected at build time.
const update = find('[data-update]');
if (!import.meta.env.DEV && update) void registerServiceWorker(updateNotice(update));

// Signed in (the header has a logout form): reading positions made offline reach the server
// now and whenever the device is back online.
if (find('form[data-logout]')) {
	void import('$lib/reading/device').then(({ sendPositionsWhenOnline }) =>
		sendPositionsWhenOnline()
	);
}

const reading = find('[data-reading]');
if (reading?.dataset.reading) {
	const { item, position } = JSON.parse(reading.dataset.reading);
	void import('$lib/reading/tracker').then(({ trackReading }) =>
		trackReading(reading, item, position)
	);
}

const saving = document.querySelectorAll<HTMLElement>('[data-offline-item]');
if (saving.length > 0) void import('./library').then(({ offerSaving }) => offerSaving(saving));
