import { z } from 'zod';

/**
 * The studio's product form: what a seller types, checked the same way in the browser (as they
 * type) and on the server (the one that counts). Prices are typed in the currency's major unit
 * ("12.50"); the server turns them into minor units for the currency (see `minorUnits`).
 */
export const currencies = [
	'eur',
	'usd',
	'gbp',
	'jpy',
	'chf',
	'cad',
	'aud',
	'sek',
	'nok',
	'dkk',
	'pln'
] as const;

export const productForm = z.object({
	title: z
		.string()
		.trim()
		.min(1, 'Give the product a title.')
		.max(200, 'Keep the title under 200 characters.'),
	slug: z
		.string()
		.trim()
		.toLowerCase()
		.max(80, 'Keep the address under 80 characters.')
		.regex(/^([a-z0-9]+(-[a-z0-9]+)*)?$/, 'Use lowercase letters, digits and single dashes.'),
	summary: z.string().trim().max(2000, 'Keep the summary under 2,000 characters.'),
	price: z
		.string()
		.trim()
		.regex(/^\d{1,7}([.,]\d{1,2})?$/, 'Type a price such as 12 or 12.50 (0 makes it free).'),
	currency: z.enum(currencies, 'Choose a currency.'),
	sample: z.string().max(50_000, 'Keep the sample under 50,000 characters.'),
	body: z
		.string()
		.trim()
		.min(1, 'Write the content buyers get.')
		.max(500_000, 'Keep the content under 500,000 characters.')
});

export type ProductFormData = z.infer<typeof productForm>;
