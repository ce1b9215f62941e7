import type Stripe from 'stripe';
import { newId } from '../ids.ts';
import { retrySchedule } from './backoff.ts';
import { signatureHeader } from './signature.ts';

/** Where events go: Stripe's webhook endpoint settings (`enabled_events` of `['*']` means all). */
export interface WebhookEndpointConfig {
	url: string;
	secret: string;
	enabledEvents?: string[];
}

/** One HTTP attempt to deliver one event to one endpoint, as the control API lists it. */
export interface DeliveryAttempt {
	delivery: string;
	event: string;
	type: string;
	endpoint: string;
	attempt: number;
	/** The endpoint's status code, or null when it could not be reached. */
	status: number | null;
	error: string | null;
	/** Whether another attempt is scheduled after this one. */
	will_retry: boolean;
}

export interface DispatcherOptions {
	endpoints?: WebhookEndpointConfig[];
	/** Scales Stripe's retry schedule (minutes to days); 0.001 makes a minute 60 ms. */
	retryFactor?: number;
	/** Milliseconds between the event and its first delivery attempt. */
	delayMs?: number;
	paused?: boolean;
	/** Told when an event reached one more of its endpoints (the emulator counts down `pending_webhooks`). */
	onDelivered?: (event: string) => void;
}

const REQUEST_TIMEOUT_MS = 10_000;
const MAX_ATTEMPTS_KEPT = 5_000;

/**
 * Delivers events asynchronously to the request that caused them, each delivery on its own (so
 * in no guaranteed order), signed like Stripe, retried with backoff on a non-2xx or no answer.
 */
export class WebhookDispatcher {
	endpoints: WebhookEndpointConfig[];
	retryFactor: number;
	delayMs: number;
	paused: boolean;
	attempts: DeliveryAttempt[] = [];
	/** Deliveries held back while paused, started in order on resume. */
	held: (() => void)[] = [];
	timers = new Set<NodeJS.Timeout>();
	inFlight = new Set<AbortController>();
	closed = false;
	onDelivered: (event: string) => void;
	/** Bumped by `drop`: attempts of an older generation neither retry nor count. */
	generation = 0;
	/** Endpoints each event has reached, so a duplicate delivery is not counted twice. */
	reached = new Map<string, Set<string>>();

	constructor(options: DispatcherOptions = {}) {
		this.endpoints = options.endpoints ?? [];
		this.retryFactor = options.retryFactor ?? 1;
		this.delayMs = options.delayMs ?? 0;
		this.paused = options.paused ?? false;
		this.onDelivered = options.onDelivered ?? (() => {});
	}

	endpointsFor(type: string) {
		return this.endpoints.filter((e) =>
			(e.enabledEvents ?? ['*']).some((t) => t === '*' || t === type)
		);
	}

	/** Sends an event to every endpoint that listens for its type. */
	enqueue(event: Stripe.Event, copies = 1) {
		for (const endpoint of this.endpointsFor(event.type))
			for (let i = 0; i < copies; i++)
				this.later(this.delayMs, () => void this.attempt(event, endpoint, newId('whd'), 1));
	}

	/** Runs `task` after `ms`, or holds it while delivery is paused. */
	later(ms: number, task: () => void) {
		if (this.closed) return;
		const run = () => (this.paused ? this.held.push(task) : task());
		if (ms <= 0 && !this.paused) return run();
		const timer = setTimeout(() => {
			this.timers.delete(timer);
			run();
		}, ms);
		this.timers.add(timer);
	}

	async attempt(
		event: Stripe.Event,
		endpoint: WebhookEndpointConfig,
		delivery: string,
		attempt: number
	) {
		if (this.closed) return;
		const generation = this.generation;
		const payload = JSON.stringify(event, null, 2);
		const signature = signatureHeader(payload, endpoint.secret, Math.floor(Date.now() / 1000));
		const abort = new AbortController();
		this.inFlight.add(abort);
		const timeout = setTimeout(() => abort.abort(), REQUEST_TIMEOUT_MS);
		let status: number | null = null;
		let error: string | null = null;
		try {
			const response = await fetch(endpoint.url, {
				method: 'POST',
				headers: {
					'content-type': 'application/json; charset=utf-8',
					'user-agent': 'Stripe/1.0 (+https://stripe.com/docs/webhooks)',
					'stripe-signature': signature
				},
				body: payload,
				signal: abort.signal
			});
			status = response.status;
			await response.body?.cancel();
		} catch (cause) {
			error =
				cause instanceof Error
					? String((cause as Error & { cause?: Error }).cause?.message ?? cause.message)
					: String(cause);
		} finally {
			clearTimeout(timeout);
			this.inFlight.delete(abort);
		}
		if (this.closed || generation !== this.generation) return;
		const ok = status !== null && status >= 200 && status < 300;
		if (ok) this.delivered(event.id, endpoint.url);
		const gaps = retrySchedule(this.retryFactor);
		const willRetry = !ok && attempt <= gaps.length;
		// Only the latest attempts are kept: a long-running stack must not grow without bound.
		if (this.attempts.length >= MAX_ATTEMPTS_KEPT) this.attempts.shift();
		this.attempts.push({
			delivery,
			event: event.id,
			type: event.type,
			endpoint: endpoint.url,
			attempt,
			status,
			error,
			will_retry: willRetry
		});
		if (willRetry)
			this.later(
				gaps[attempt - 1],
				() => void this.attempt(event, endpoint, delivery, attempt + 1)
			);
	}

	private delivered(event: string, endpoint: string) {
		const reached = this.reached.get(event) ?? new Set<string>();
		if (reached.has(endpoint)) return;
		reached.add(endpoint);
		this.reached.set(event, reached);
		// Bounded: the oldest events' records go first; their counts are already final.
		if (this.reached.size > MAX_ATTEMPTS_KEPT)
			this.reached.delete(this.reached.keys().next().value!);
		this.onDelivered(event);
	}

	pause() {
		this.paused = true;
	}

	/** Forgets every delivery not made yet (waiting, held or in flight); returns how many. */
	drop(): number {
		const dropped = this.pending();
		this.generation++;
		for (const timer of this.timers) clearTimeout(timer);
		for (const abort of this.inFlight) abort.abort();
		this.timers.clear();
		this.held = [];
		return dropped;
	}

	resume() {
		this.paused = false;
		for (const task of this.held.splice(0)) task();
	}

	/** Deliveries not finished: waiting on a timer, held while paused or in flight. */
	pending() {
		return this.timers.size + this.held.length + this.inFlight.size;
	}

	close() {
		this.closed = true;
		for (const timer of this.timers) clearTimeout(timer);
		for (const abort of this.inFlight) abort.abort();
		this.timers.clear();
		this.held = [];
	}
}
