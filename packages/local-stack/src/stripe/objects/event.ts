import type Stripe from 'stripe';
import { newId, nowSeconds } from '../ids.ts';

/** The API version of the `stripe` package the project pins; events carry it as Stripe's do. */
export const API_VERSION = '2026-10-28.endive';

export function newEvent(
	type: string,
	object: { id: string },
	previousAttributes: Record<string, unknown> | undefined,
	request: { id: string | null; idempotency_key: string | null },
	pendingWebhooks: number
): Stripe.Event {
	const data: Record<string, unknown> = { object: structuredClone(object) };
	if (previousAttributes) data.previous_attributes = previousAttributes;
	return {
		id: newId('evt'),
		object: 'event',
		api_version: API_VERSION,
		created: nowSeconds(),
		data,
		livemode: false,
		pending_webhooks: pendingWebhooks,
		request,
		type
	} as unknown as Stripe.Event;
}
