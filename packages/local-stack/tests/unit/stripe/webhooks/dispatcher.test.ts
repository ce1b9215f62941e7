import type Stripe from 'stripe';
import { afterEach, describe, expect, it } from 'vitest';
import { WebhookDispatcher } from '../../../../src/stripe/webhooks/dispatcher.ts';

const dispatchers: WebhookDispatcher[] = [];
afterEach(() => dispatchers.splice(0).forEach((d) => d.close()));

const event = { id: 'evt_1', type: 'invoice.paid' } as Stripe.Event;

describe('webhook dispatcher', () => {
	it('holds deliveries while paused and drops them on demand, so a resume sends nothing', () => {
		const dispatcher = new WebhookDispatcher({
			endpoints: [{ url: 'http://127.0.0.1:9/webhook', secret: 'whsec_x' }],
			paused: true
		});
		dispatchers.push(dispatcher);
		dispatcher.enqueue(event, 2);
		expect(dispatcher.pending()).toBe(2);
		expect(dispatcher.drop()).toBe(2);
		expect(dispatcher.pending()).toBe(0);
		dispatcher.resume();
		expect(dispatcher.pending()).toBe(0);
		expect(dispatcher.attempts).toEqual([]);
	});
});
