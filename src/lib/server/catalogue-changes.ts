import postgres from 'postgres';
import { config } from './config';

/**
 * Whether what every visitor sees (products, old slugs, plans) may be served from memory, and a
 * way to hear when it changes. The database says so itself: a trigger on those tables sends
 * `NOTIFY catalogue_changed` when a change commits (supabase/migrations/…_catalogue_changes.sql),
 * whichever server, script or SQL editor made it, and every store server LISTENs on a connection
 * of its own. Anything remembered is dropped on every notification and whenever that connection
 * is lost (a notification sent meanwhile is lost with it); while it is down nothing is served from
 * memory, so a store whose listener cannot connect is slower, never stale.
 */

const CHANNEL = 'catalogue_changed';
const RETRY_MS = 1000;

let listener: postgres.Sql | undefined;
let listening = false;
let retry: ReturnType<typeof setTimeout> | undefined;
const forgetters = new Set<() => void>();

/** Each cache registers here what to drop when the catalogue changes. */
export function onCatalogueChange(forget: () => void) {
	forgetters.add(forget);
}

/** True while the listener is connected: only then is a remembered answer known to be current. */
export const catalogueIsWatched = () => listening;

function changed() {
	for (const forget of forgetters) forget();
}

async function listen() {
	retry = undefined;
	try {
		await listener!`listen catalogue_changed`;
		changed(); // whatever was remembered before this connection may have missed a change
		listening = true;
	} catch (error) {
		console.error(`catalogue listener: ${(error as Error).message}; retrying`);
		lost();
	}
}

function lost() {
	listening = false;
	changed();
	if (listener && !retry) retry = setTimeout(listen, RETRY_MS).unref();
}

/**
 * Starts listening (once per process, from `init` in hooks.server.ts). A connection of its own,
 * never a pooled one: LISTEN belongs to a session, which Supabase's transaction pooler does not
 * keep (DATABASE_LISTEN_URL, docs/architecture.md "Scaling out").
 */
export function watchCatalogue() {
	if (listener) return;
	const { DATABASE_URL, DATABASE_LISTEN_URL } = config();
	// postgres.js's own `listen()` listens again once after a lost connection and gives up for
	// good when that fails (the database restarting); its `onnotify` option, which `listen()` is
	// built on, lets this module retry for as long as it takes and know when it is not listening.
	const options: Partial<postgres.Options<Record<string, never>>> & {
		onnotify: (channel: string) => void;
	} = {
		max: 1,
		idle_timeout: 0,
		max_lifetime: null,
		prepare: false,
		fetch_types: false,
		onnotice: () => {},
		onnotify: (channel) => {
			if (channel === CHANNEL) changed();
		},
		onclose: () => {
			if (listening) console.error('catalogue listener: connection lost; reconnecting');
			lost();
		}
	};
	listener = postgres(DATABASE_LISTEN_URL ?? DATABASE_URL, options);
	void listen();
}

/** Stops listening (at shutdown), so the process can exit. */
export async function unwatchCatalogue() {
	clearTimeout(retry);
	const sql = listener;
	listener = undefined;
	listening = false;
	await sql?.end({ timeout: 1 });
}
