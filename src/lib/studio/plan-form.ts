import { z } from 'zod';
import { currencies } from './product-form';

/** A membership plan as the seller writes it: a name, and a monthly and/or yearly price. */
const price = z
	.string()
	.trim()
	.regex(/^(\d{1,7}([.,]\d{1,2})?)?$/, 'Type a price such as 9 or 9.50, or leave it empty.');

export const planForm = z
	.object({
		name: z
			.string()
			.trim()
			.min(1, 'Give the plan a name.')
			.max(100, 'Keep the name under 100 characters.'),
		description: z.string().trim().max(1000, 'Keep the description under 1,000 characters.'),
		currency: z.enum(currencies, 'Choose a currency.'),
		monthly: price,
		yearly: price,
		trialDays: z.coerce
			.number()
			.int('Whole days.')
			.min(0, 'No fewer than 0 days.')
			.max(730, 'At most 730 days.')
	})
	.refine((plan) => plan.monthly || plan.yearly, {
		message: 'Give a monthly or a yearly price (or both).',
		path: ['monthly']
	});

export type PlanFormData = z.infer<typeof planForm>;
