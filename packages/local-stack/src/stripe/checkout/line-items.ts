import type Stripe from 'stripe';
import type { Emulator } from '../emulator.ts';
import { invalidRequest, missingParam, noSuch } from '../errors.ts';
import type { ResolvedItem } from '../objects/checkout-session.ts';
import { newPrice } from '../objects/price.ts';
import { newProduct } from '../objects/product.ts';
import type { LineItemParams } from './params.ts';

/**
 * A line item's Price: an existing active one, or one made from `price_data` (with its Product
 * made from `product_data`). Prices made this way are inactive, as on Stripe: they belong to
 * this session and are not offered elsewhere.
 */
function resolveItem(
	emu: Emulator,
	item: LineItemParams,
	index: number,
	now: number
): ResolvedItem {
	const param = `line_items[${index}]`;
	if (item.price && item.price_data)
		throw invalidRequest(
			`You may only specify one of these parameters: price, price_data.`,
			`${param}[price]`
		);
	if (item.price) {
		const price = emu.store.get<Stripe.Price>('price', item.price);
		if (!price) throw noSuch('price', item.price, `${param}[price]`);
		if (!price.active)
			throw invalidRequest(
				'The price specified is inactive. This field only accepts active prices.',
				`${param}[price]`
			);
		const product = emu.store.get<Stripe.Product>('product', price.product as string)!;
		return { price, product, quantity: item.quantity };
	}
	const data = item.price_data;
	if (!data) throw missingParam(`${param}[price]`);
	if (!data.product === !data.product_data)
		throw invalidRequest(
			'You must specify exactly one of `product` or `product_data`.',
			`${param}[price_data][product_data]`
		);
	let product = data.product ? emu.store.get<Stripe.Product>('product', data.product) : undefined;
	if (data.product && !product)
		throw noSuch('product', data.product, `${param}[price_data][product]`);
	product ??= emu.store.put(newProduct({ ...data.product_data!, active: false }, now));
	const price = emu.store.put(
		newPrice(
			{
				currency: data.currency,
				unit_amount: data.unit_amount,
				product: product.id,
				recurring: data.recurring,
				active: false
			},
			now
		)
	);
	return { price, product, quantity: item.quantity };
}

/** The session's items, checked against the mode as Stripe checks them. */
export function resolveLineItems(
	emu: Emulator,
	mode: 'payment' | 'subscription',
	items: LineItemParams[] | undefined,
	now: number
): ResolvedItem[] {
	if (!items?.length) throw missingParam('line_items');
	const resolved = items.map((item, i) => resolveItem(emu, item, i, now));
	if (new Set(resolved.map((r) => r.price.currency)).size > 1)
		throw invalidRequest('All line items must share the same currency.', 'line_items');
	const recurring = resolved.filter((r) => r.price.recurring);
	if (mode === 'payment' && recurring.length)
		throw invalidRequest(
			'You specified `payment` mode but passed a recurring price. Either switch to `subscription` mode or use only one-time prices.',
			'line_items'
		);
	if (mode === 'subscription') {
		if (!recurring.length)
			throw invalidRequest(
				'You must provide at least one recurring price in `subscription` mode when using prices.',
				'line_items'
			);
		if (recurring.length < resolved.length)
			throw invalidRequest(
				'The emulator bills recurring prices only in `subscription` mode (one-time items on the first invoice are not emulated).',
				'line_items'
			);
		const intervals = new Set(
			recurring.map((r) => `${r.price.recurring!.interval}/${r.price.recurring!.interval_count}`)
		);
		if (intervals.size > 1)
			throw invalidRequest(
				'All recurring prices must have the same billing interval.',
				'line_items'
			);
	}
	return resolved;
}
