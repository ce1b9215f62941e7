import { z } from 'zod';
import { listParamsSchema } from '../pagination.ts';
import { currency, expand, int, metadata } from '../validation.ts';

const productData = z.strictObject({
	name: z.string(),
	description: z.string().optional(),
	images: z.array(z.string()).max(8).optional(),
	metadata
});

export const recurringParams = z.strictObject({
	interval: z.enum(['day', 'week', 'month', 'year']),
	interval_count: int(1).optional()
});

/** `price` (an existing Price) or `price_data` (a Price made for this session). */
export const lineItemParams = z.strictObject({
	price: z.string().optional(),
	price_data: z
		.strictObject({
			currency,
			unit_amount: int(0),
			product: z.string().optional(),
			product_data: productData.optional(),
			recurring: recurringParams.optional()
		})
		.optional(),
	quantity: int(1)
});

export type LineItemParams = z.output<typeof lineItemParams>;

export const createSessionParams = z.strictObject({
	mode: z.enum(['payment', 'setup', 'subscription']),
	line_items: z.array(lineItemParams).optional(),
	success_url: z.string().optional(),
	cancel_url: z.string().optional(),
	customer: z.string().optional(),
	customer_email: z.string().optional(),
	customer_creation: z.enum(['always', 'if_required']).optional(),
	client_reference_id: z.string().max(200).optional(),
	expires_at: int(0).optional(),
	metadata,
	payment_intent_data: z
		.strictObject({
			metadata,
			description: z.string().optional(),
			receipt_email: z.string().optional()
		})
		.optional(),
	subscription_data: z
		.strictObject({
			trial_period_days: int(1).optional(),
			metadata,
			description: z.string().max(500).optional()
		})
		.optional(),
	payment_method_types: z.array(z.string()).optional(),
	locale: z.string().optional(),
	submit_type: z.enum(['auto', 'book', 'donate', 'pay', 'subscribe']).optional(),
	expand
});

export type CreateSessionParams = z.output<typeof createSessionParams>;

export const listSessionsParams = listParamsSchema.extend({
	payment_intent: z.string().optional(),
	subscription: z.string().optional(),
	customer: z.string().optional(),
	customer_details: z.strictObject({ email: z.string() }).optional(),
	status: z.enum(['open', 'complete', 'expired']).optional(),
	client_reference_id: z.string().optional(),
	expand
});

export const expandOnly = z.strictObject({ expand });
