import type Stripe from 'stripe';
import { newId, nowSeconds } from '../ids.ts';
import type { PriceData } from './checkout-session.ts';

/**
 * `price_data` creates a Product and a one-time Price, as Stripe does. They are kept as ordinary
 * objects so that a later `mode=subscription` can reuse them with recurring prices.
 */
export function productAndPrice(data: PriceData): { product: Stripe.Product; price: Stripe.Price } {
	const created = nowSeconds();
	const product = {
		id: newId('prod', 14),
		object: 'product',
		active: false,
		created,
		default_price: null,
		description: data.product_data.description ?? null,
		images: data.product_data.images ?? [],
		livemode: false,
		marketing_features: [],
		metadata: data.product_data.metadata ?? {},
		name: data.product_data.name,
		package_dimensions: null,
		shippable: null,
		statement_descriptor: null,
		tax_code: null,
		type: 'service',
		unit_label: null,
		updated: created,
		url: null
	} as unknown as Stripe.Product;
	const price = {
		id: newId('price'),
		object: 'price',
		active: false,
		billing_scheme: 'per_unit',
		created,
		currency: data.currency,
		custom_unit_amount: null,
		livemode: false,
		lookup_key: null,
		metadata: {},
		nickname: null,
		product: product.id,
		recurring: null,
		tax_behavior: 'unspecified',
		tiers_mode: null,
		transform_quantity: null,
		type: 'one_time',
		unit_amount: data.unit_amount,
		unit_amount_decimal: String(data.unit_amount)
	} as unknown as Stripe.Price;
	return { product, price };
}
