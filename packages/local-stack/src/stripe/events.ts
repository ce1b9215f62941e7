import type Stripe from 'stripe';
import { z } from 'zod';
import { noSuch } from './errors.ts';
import type { Emulator } from './emulator.ts';
import { createdFilter, paginate, listParamsSchema } from './pagination.ts';
import type { Route } from './router.ts';
import { validate } from './validation.ts';

const listSchema = listParamsSchema.extend({
	type: z.string().optional(),
	types: z.array(z.string()).optional(),
	delivery_success: z.string().optional()
});

/** `type` accepts Stripe's `*` wildcard (`charge.*`); `types[]` is a list of exact names. */
function typeMatcher(type?: string, types?: string[]) {
	const pattern =
		type && new RegExp(`^${type.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replaceAll('*', '.*')}$`);
	return (event: Stripe.Event) =>
		(!pattern || pattern.test(event.type)) && (!types || types.includes(event.type));
}

export function getEvent(emu: Emulator, id: string): Stripe.Event {
	const event = emu.store.get<Stripe.Event>('event', id);
	if (!event) throw noSuch('event', id);
	return event;
}

export const eventRoutes: Route[] = [
	{ method: 'GET', path: '/v1/events/:id', handler: (emu, req) => getEvent(emu, req.path.id) },
	{
		method: 'GET',
		path: '/v1/events',
		handler: (emu, req) => {
			const params = validate(listSchema, req.params);
			const created = createdFilter(params.created);
			const matches = typeMatcher(params.type, params.types);
			const events = emu.store
				.all<Stripe.Event>('event')
				.filter((e) => created(e.created) && matches(e));
			return paginate(events, params, '/v1/events');
		}
	}
];
