/**
 * Reading positions on this device, in IndexedDB (idb-keyval): the last position of each item
 * read here, and whether the server has it yet. Positions made offline wait here and are sent
 * when the device is back online (the `online` event, or the next page of the store); the server
 * keeps the newest by the device's clock, so a late one never overwrites a newer one. Logout
 * clears the store (src/lib/offline/logout.ts), as Clear-Site-Data's "storage" does.
 */
import { clear, createStore, del, entries, get, set, type UseStore } from 'idb-keyval';
import type { ReadingPosition } from './position';

export interface Item {
	/** The account the position was made with (the server refuses it from another one). */
	reader: string;
	productId: string;
	slug: string;
}

interface Stored extends Item {
	position: ReadingPosition;
	sent: boolean;
}

let db: UseStore | undefined;
const store = () => (db ??= createStore('reading', 'positions'));
const keyOf = (item: Item) => `${item.reader}/${item.productId}`;

/** This device's last position in an item (sent or not). */
export async function devicePosition(item: Item) {
	return ((await get<Stored>(keyOf(item), store())) ?? null)?.position ?? null;
}

/** Keeps a position on the device, then tries to send it (and anything else waiting). */
export async function keepPosition(item: Item, position: ReadingPosition, leaving = false) {
	await set(keyOf(item), { ...item, position, sent: false } satisfies Stored, store());
	await sendPositions(leaving);
}

/** What to do with a position after the server's answer: done, try later, or give up. */
function outcome(status: number) {
	if (status === 200) return 'sent';
	// Logged out (the next login sends it), too many at once, the server or the network failing.
	if (status === 401 || status === 429 || status >= 500) return 'retry';
	// Not readable by this session, another account's, or malformed: it will never be taken.
	return 'drop';
}

async function send(key: string, stored: Stored, keepalive: boolean) {
	const { reader, slug, position } = stored;
	const response = await fetch(`/products/${slug}/position`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ reader, ...position }),
		credentials: 'same-origin',
		keepalive
	});
	const result = outcome(response.status);
	if (result === 'retry') return false;
	// Unless the reader moved on meanwhile (a newer position waits to be sent).
	const now = await get<Stored>(key, store());
	if (now?.position.at !== position.at) return true;
	if (result === 'sent') await set(key, { ...now, sent: true } satisfies Stored, store());
	else await del(key, store());
	return true;
}

/** Sends what the server does not have yet; false at the first failure (offline: try later). */
async function sendWaiting(keepalive: boolean) {
	try {
		for (const [key, stored] of await entries<string, Stored>(store())) {
			if (!stored.sent && !(await send(key, stored, keepalive))) return false;
		}
		return true;
	} catch {
		// Offline or IndexedDB unavailable: the positions wait for the next chance.
		return false;
	}
}

let sending: Promise<void> | undefined;
let again = false;

/** Sends every position waiting on this device: one run at a time, again if more came meanwhile. */
export function sendPositions(keepalive = false): Promise<void> {
	if (sending) {
		again = true;
		return sending;
	}
	sending = (async () => {
		do {
			again = false;
			if (!(await sendWaiting(keepalive))) break;
		} while (again);
	})().finally(() => (sending = undefined));
	return sending;
}

/** Sends what waits now and whenever the device comes back online; returns the stop function. */
export function sendPositionsWhenOnline() {
	const send = () => void sendPositions();
	send();
	addEventListener('online', send);
	return () => removeEventListener('online', send);
}

/** Removes every position kept on this device (logout). */
export async function forgetPositions() {
	if (typeof indexedDB === 'undefined') return;
	await clear(store());
}
