import type Stripe from 'stripe';
import { newId } from '../ids.ts';

export interface ProductCreate {
	id?: string;
	name: string;
	active?: boolean;
	description?: string;
	images?: string[];
	metadata?: Record<string, string>;
	url?: string;
	unit_label?: string;
	statement_descriptor?: string;
}

export function newProduct(create: ProductCreate, created: number): Stripe.Product {
	const typed: Stripe.Product = {
		id: create.id ?? newId('prod', 14),
		object: 'product',
		active: create.active ?? true,
		created,
		default_price: null,
		description: create.description ?? null,
		images: create.images ?? [],
		livemode: false,
		marketing_features: [],
		metadata: create.metadata ?? {},
		name: create.name,
		package_dimensions: null,
		shippable: null,
		statement_descriptor: create.statement_descriptor ?? null,
		tax_code: null,
		tax_details: null,
		type: 'service',
		unit_label: create.unit_label ?? null,
		updated: created,
		url: create.url ?? null
	};
	return typed;
}
