import type Stripe from 'stripe';
import { z } from 'zod';
import { expand, type Emulator } from './emulator.ts';
import { noSuch } from './errors.ts';
import { createdFilter, paginate, listParamsSchema } from './pagination.ts';
import type { Route } from './router.ts';
import { expand as expandParam, validate } from './validation.ts';

const retrieveSchema = z.strictObject({
	expand: expandParam,
	client_secret: z.string().optional()
});
const listSchema = listParamsSchema.extend({
	payment_intent: z.string().optional(),
	charge: z.string().optional(),
	expand: expandParam
});

/** Stripe names the object and the path parameter in its 404s. */
const kinds = {
	payment_intent: { param: 'intent', path: 'payment_intents' },
	charge: { param: 'charge', path: 'charges' },
	refund: { param: 'refund', path: 'refunds' },
	dispute: { param: 'dispute', path: 'disputes' }
} as const;

export type Kind = keyof typeof kinds;

export function getObject<T>(emu: Emulator, kind: Kind, id: string): T {
	const found = emu.store.get(kind, id);
	if (!found) throw noSuch(kind, id, kinds[kind].param);
	return found as T;
}

/** Retrieve and list for the objects Checkout, refunds and disputes create (read-only here). */
function readRoutes(
	kind: Kind,
	filter: (object: Record<string, unknown>, params: z.output<typeof listSchema>) => boolean
): Route[] {
	const base = `/v1/${kinds[kind].path}`;
	return [
		{
			method: 'GET',
			path: `${base}/:id`,
			handler: (emu, req) =>
				expand(emu, getObject(emu, kind, req.path.id), validate(retrieveSchema, req.params).expand)
		},
		{
			method: 'GET',
			path: base,
			handler: (emu, req) => {
				const params = validate(listSchema, req.params);
				const created = createdFilter(params.created);
				const all = emu.store.all<Stripe.Charge>(kind) as unknown as (Record<string, unknown> & {
					id: string;
					created: number;
				})[];
				const page = paginate(
					all.filter((o) => created(o.created) && filter(o, params)),
					params,
					base
				);
				const paths = (params.expand ?? []).map((p) => p.replace(/^data\./, ''));
				return { ...page, data: page.data.map((o) => expand(emu, o, paths)) };
			}
		}
	];
}

const byIntent = (o: Record<string, unknown>, p: { payment_intent?: string }) =>
	!p.payment_intent || o.payment_intent === p.payment_intent;
const byCharge = (o: Record<string, unknown>, p: { charge?: string }) =>
	!p.charge || o.charge === p.charge;

export const paymentRoutes: Route[] = [
	...readRoutes('payment_intent', () => true),
	...readRoutes('charge', byIntent),
	...readRoutes('dispute', (o, p) => byIntent(o, p) && byCharge(o, p))
];

export const refundReadRoutes: Route[] = readRoutes(
	'refund',
	(o, p) => byIntent(o, p) && byCharge(o, p)
);
