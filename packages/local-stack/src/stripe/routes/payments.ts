import { z } from 'zod';
import { expand } from '../expand.ts';
import type { Route } from '../router.ts';
import { expand as expandParam } from '../validation.ts';
import { listRoute, listSchema, retrieveRoute, type Kind } from './resource.ts';

export const PAYMENT_INTENT: Kind = {
	type: 'payment_intent',
	noun: 'payment_intent',
	param: 'intent',
	base: '/v1/payment_intents'
};
export const CHARGE: Kind = {
	type: 'charge',
	noun: 'charge',
	param: 'charge',
	base: '/v1/charges'
};
export const REFUND: Kind = {
	type: 'refund',
	noun: 'refund',
	param: 'refund',
	base: '/v1/refunds'
};
export const DISPUTE: Kind = {
	type: 'dispute',
	noun: 'dispute',
	param: 'dispute',
	base: '/v1/disputes'
};

const byIntent = listSchema.extend({
	payment_intent: z.string().optional(),
	charge: z.string().optional()
});
const byCustomer = listSchema.extend({ customer: z.string().optional() });
const chargeList = byCustomer.extend({ payment_intent: z.string().optional() });

type Linked = { payment_intent?: unknown; charge?: unknown; customer?: unknown };
const linked =
	(p: { payment_intent?: string; charge?: string; customer?: string }) => (o: Linked) =>
		(!p.payment_intent || o.payment_intent === p.payment_intent) &&
		(!p.charge || o.charge === p.charge) &&
		(!p.customer || o.customer === p.customer);

/** Retrieve and list for the objects Checkout, Billing, refunds and disputes create. */
export const paymentRoutes: Route[] = [
	retrieveRoute(
		PAYMENT_INTENT,
		(emu, o, paths) => expand(emu, o, paths),
		z.strictObject({ expand: expandParam, client_secret: z.string().optional() })
	),
	listRoute(PAYMENT_INTENT, byCustomer, linked),
	retrieveRoute(CHARGE),
	listRoute(CHARGE, chargeList, linked),
	retrieveRoute(DISPUTE),
	listRoute(DISPUTE, byIntent, linked)
];

export const refundReadRoutes: Route[] = [
	retrieveRoute(REFUND),
	listRoute(REFUND, byIntent, linked)
];
