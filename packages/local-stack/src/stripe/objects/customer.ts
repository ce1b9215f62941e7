import type Stripe from 'stripe';
import { newId } from '../ids.ts';

export interface CustomerCreate {
	email?: string;
	name?: string;
	description?: string;
	phone?: string;
	metadata?: Record<string, string>;
	preferred_locales?: string[];
	test_clock?: string;
}

const PREFIX_LETTERS = 'ABCDEF0123456789';

/** Invoice numbers are `<invoice_prefix>-0001`, `-0002`…; Stripe gives each customer its own prefix. */
function invoicePrefix(): string {
	return Array.from(
		{ length: 8 },
		() => PREFIX_LETTERS[Math.floor(Math.random() * PREFIX_LETTERS.length)]
	).join('');
}

export function newCustomer(create: CustomerCreate, created: number): Stripe.Customer {
	const typed: Stripe.Customer = {
		id: newId('cus', 14),
		object: 'customer',
		address: null,
		balance: 0,
		created,
		currency: null,
		default_source: null,
		delinquent: false,
		description: create.description ?? null,
		discount: null,
		email: create.email ?? null,
		invoice_prefix: invoicePrefix(),
		invoice_settings: {
			custom_fields: null,
			default_payment_method: null,
			footer: null,
			rendering_options: null
		},
		livemode: false,
		metadata: create.metadata ?? {},
		name: create.name ?? null,
		next_invoice_sequence: 1,
		phone: create.phone ?? null,
		preferred_locales: create.preferred_locales ?? [],
		shipping: null,
		tax_exempt: 'none',
		test_clock: create.test_clock ?? null
	};
	return typed;
}
