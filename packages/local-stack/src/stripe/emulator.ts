import type Stripe from 'stripe';
import { invalidRequest } from './errors.ts';
import { newEvent } from './objects/event.ts';
import type { StoredObject, Store } from './store.ts';
import type { WebhookDispatcher } from './webhooks/dispatcher.ts';

/** The API request that caused an event (null id for the hosted page and timers, as on Stripe). */
export interface RequestInfo {
	id: string | null;
	idempotency_key: string | null;
}

export const NO_REQUEST: RequestInfo = { id: null, idempotency_key: null };

/** What every part of the emulator works on: the state, the webhooks and a few settings. */
export interface Emulator {
	store: Store;
	webhooks: WebhookDispatcher;
	/** The emulator's own origin, for `session.url`. */
	publicUrl: string;
	/** Milliseconds before an async test card settles (`async_payment_succeeded`/`failed`). */
	asyncSettleMs: number;
	timers: Set<NodeJS.Timeout>;
}

/** Records an event and hands it to the webhooks; the caller saves the store. */
export function emit(
	emu: Emulator,
	type: string,
	object: StoredObject,
	request: RequestInfo = NO_REQUEST,
	previous?: Record<string, unknown>
): Stripe.Event {
	const event = newEvent(type, object, previous, request, emu.webhooks.endpointsFor(type).length);
	emu.store.put(event as unknown as StoredObject);
	emu.webhooks.enqueue(event);
	return event;
}

/** Runs work later (async settlement), cancelled when the emulator closes. */
export function schedule(emu: Emulator, ms: number, task: () => void) {
	const timer = setTimeout(() => {
		emu.timers.delete(timer);
		task();
	}, ms);
	emu.timers.add(timer);
}

/** Which stored type an id belongs to, by Stripe's prefixes. */
const typeByPrefix: [string, string][] = [
	['cs_', 'checkout.session'],
	['pi_', 'payment_intent'],
	['ch_', 'charge'],
	['re_', 'refund'],
	['du_', 'dispute'],
	['prod_', 'product'],
	['price_', 'price'],
	['evt_', 'event']
];

function expandOne(emu: Emulator, object: Record<string, unknown>, path: string[], full: string) {
	const [field, ...rest] = path;
	const value = object[field];
	if (!(field in object))
		throw invalidRequest(`This property cannot be expanded (${full}).`, 'expand');
	if (typeof value === 'string') {
		const type = typeByPrefix.find(([prefix]) => value.startsWith(prefix))?.[1];
		const found = type && emu.store.get(type, value);
		if (!found) throw invalidRequest(`This property cannot be expanded (${full}).`, 'expand');
		object[field] = structuredClone(found);
	}
	if (rest.length && object[field] && typeof object[field] === 'object')
		expandOne(emu, object[field] as Record<string, unknown>, rest, full);
}

/** Applies `expand[]` to a copy of an object: ids become the objects they name. */
export function expand<T>(emu: Emulator, object: T, paths: string[] = []): T {
	const copy = structuredClone(object) as Record<string, unknown>;
	for (const path of paths) expandOne(emu, copy, path.split('.'), path);
	return copy as T;
}
