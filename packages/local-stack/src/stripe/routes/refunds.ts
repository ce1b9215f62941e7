import type Stripe from 'stripe';
import { z } from 'zod';
import { expand } from '../expand.ts';
import { createRefund, updateRefund } from '../payments/refunds.ts';
import type { Route } from '../router.ts';
import { expand as expandParam, int, metadata, metadataUpdate, validate } from '../validation.ts';
import { REFUND, refundReadRoutes } from './payments.ts';
import { getOrThrow } from './resource.ts';

const createSchema = z.strictObject({
	charge: z.string().optional(),
	payment_intent: z.string().optional(),
	amount: int(1).optional(),
	reason: z.enum(['duplicate', 'fraudulent', 'requested_by_customer']).optional(),
	metadata,
	expand: expandParam
});

const updateSchema = z.strictObject({ metadata: metadataUpdate, expand: expandParam });

export const refundRoutes: Route[] = [
	{
		method: 'POST',
		path: '/v1/refunds',
		handler: (emu, req) => {
			const params = validate(createSchema, req.params);
			return expand(emu, createRefund(emu, params, req.request), params.expand);
		}
	},
	{
		method: 'POST',
		path: '/v1/refunds/:id',
		handler: (emu, req) => {
			const params = validate(updateSchema, req.params);
			const refund = getOrThrow<Stripe.Refund>(emu, REFUND, req.path.id);
			return expand(emu, updateRefund(emu, refund, params.metadata, req.request), params.expand);
		}
	},
	...refundReadRoutes
];
