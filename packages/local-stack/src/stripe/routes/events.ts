import type Stripe from 'stripe';
import { z } from 'zod';
import type { Emulator } from '../emulator.ts';
import { invalidRequest, noSuch } from '../errors.ts';
import { nowSeconds } from '../ids.ts';
import type { Route } from '../router.ts';
import { bool } from '../validation.ts';
import { listRoute, listSchema, type Kind } from './resource.ts';

/** Stripe keeps events for 30 days: older ones can be neither listed nor retrieved. */
export const EVENT_RETENTION_SECONDS = 30 * 24 * 3600;

const EVENT: Kind = { type: 'event', noun: 'event', param: 'id', base: '/v1/events' };

const eventListSchema = listSchema.extend({
	type: z.string().optional(),
	types: z.array(z.string()).max(20).optional(),
	delivery_success: bool.optional()
});

const retained = (event: Stripe.Event, now = nowSeconds()) =>
	event.created > now - EVENT_RETENTION_SECONDS;

/** Drops events past the retention window, so a long-lived state file stays small. */
export function pruneEvents(emu: Emulator, now = nowSeconds()) {
	const old = emu.store.all<Stripe.Event>('event').filter((e) => !retained(e, now));
	for (const event of old) emu.store.remove('event', event.id);
	return old.length;
}

/** `type` accepts Stripe's `*` wildcard (`charge.*`); `types[]` is a list of exact names. */
function typeMatcher(type?: string, types?: string[]) {
	if (type && types)
		throw invalidRequest('You may only specify one of these parameters: type, types.', 'types');
	const pattern =
		type && new RegExp(`^${type.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replaceAll('*', '.*')}$`);
	return (event: Stripe.Event) =>
		(!pattern || pattern.test(event.type)) && (!types || types.includes(event.type));
}

export function getEvent(emu: Emulator, id: string): Stripe.Event {
	const event = emu.store.get<Stripe.Event>('event', id);
	if (!event || !retained(event)) throw noSuch('event', id);
	return event;
}

export const eventRoutes: Route[] = [
	{ method: 'GET', path: '/v1/events/:id', handler: (emu, req) => getEvent(emu, req.path.id) },
	listRoute(EVENT, eventListSchema, (params) => {
		const typed = typeMatcher(params.type, params.types);
		const now = nowSeconds();
		return (event: Stripe.Event) =>
			retained(event, now) &&
			typed(event) &&
			(params.delivery_success === undefined ||
				params.delivery_success === (event.pending_webhooks === 0));
	})
];
