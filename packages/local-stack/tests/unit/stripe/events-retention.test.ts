import type Stripe from 'stripe';
import { describe, expect, it } from 'vitest';
import type { Emulator } from '../../../src/stripe/emulator.ts';
import { EVENT_RETENTION_SECONDS, pruneEvents } from '../../../src/stripe/routes/events.ts';
import { Store } from '../../../src/stripe/store.ts';

describe('event retention', () => {
	it('keeps 30 days of events, as Stripe lists and retrieves them', () => {
		const now = 2_000_000_000;
		const store = new Store();
		for (const [id, age] of [
			['evt_old', EVENT_RETENTION_SECONDS],
			['evt_edge', EVENT_RETENTION_SECONDS - 1],
			['evt_new', 0]
		] as const)
			store.put({ id, object: 'event', created: now - age } as Stripe.Event);
		expect(pruneEvents({ store } as Emulator, now)).toBe(1);
		expect(store.all('event').map((e) => e.id)).toEqual(['evt_new', 'evt_edge']);
	});
});
