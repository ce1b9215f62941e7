import type Stripe from 'stripe';
import { newEvent } from './objects/event.ts';
import type { StoredObject, Store } from './store.ts';
import type { WebhookDispatcher } from './webhooks/dispatcher.ts';

/** The API request that caused an event (null id for the hosted pages and timers, as on Stripe). */
export interface RequestInfo {
	id: string | null;
	idempotency_key: string | null;
}

export const NO_REQUEST: RequestInfo = { id: null, idempotency_key: null };

/** What the seller sets under Billing › Revenue recovery in the Dashboard. */
export interface BillingSettings {
	/** Days after the first failed attempt on which payment is tried again. */
	retryDays: number[];
	/** The subscription's status once every retry has failed. */
	afterRetries: 'cancel' | 'unpaid' | 'past_due';
}

/** What every part of the emulator works on: the state, the webhooks and a few settings. */
export interface Emulator {
	store: Store;
	webhooks: WebhookDispatcher;
	/** The emulator's own origin, for `session.url`, `hosted_invoice_url`, `receipt_url`. */
	publicUrl: string;
	/** Milliseconds before an async test card settles (`async_payment_succeeded`/`failed`). */
	asyncSettleMs: number;
	/** The account's Billing settings: retries and what happens when they are exhausted. */
	billing: BillingSettings;
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

/** Runs work later (async settlement, clock advancement), cancelled when the emulator closes. */
export function schedule(emu: Emulator, ms: number, task: () => void) {
	const timer = setTimeout(() => {
		emu.timers.delete(timer);
		task();
	}, ms);
	emu.timers.add(timer);
}

/**
 * Emits an `*.updated`-style event for a change: `previous_attributes` holds the old value of each
 * top-level field that changed, as Stripe's do. Nothing changed, nothing sent.
 */
export function emitChange<T extends StoredObject>(
	emu: Emulator,
	type: string,
	before: T,
	after: T,
	request: RequestInfo = NO_REQUEST
): Stripe.Event | undefined {
	const previous: Record<string, unknown> = {};
	const old = before as unknown as Record<string, unknown>;
	const now = after as unknown as Record<string, unknown>;
	for (const key of Object.keys(now))
		if (JSON.stringify(old[key]) !== JSON.stringify(now[key])) previous[key] = old[key] ?? null;
	if (!Object.keys(previous).length) return undefined;
	return emit(emu, type, after, request, previous);
}
