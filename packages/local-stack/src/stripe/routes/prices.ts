import type Stripe from 'stripe';
import { z } from 'zod';
import { recurringParams } from '../checkout/params.ts';
import { emit, emitChange, type Emulator, type RequestInfo } from '../emulator.ts';
import { invalidRequest, noSuch } from '../errors.ts';
import { expand } from '../expand.ts';
import { nowSeconds } from '../ids.ts';
import { newPrice } from '../objects/price.ts';
import { newProduct } from '../objects/product.ts';
import type { Route } from '../router.ts';
import {
	bool,
	currency,
	expand as expandParam,
	int,
	mergeMetadata,
	metadata,
	metadataUpdate,
	validate
} from '../validation.ts';
import { getOrThrow, listRoute, listSchema, retrieveRoute, type Kind } from './resource.ts';

export const PRICE: Kind = { type: 'price', noun: 'price', param: 'price', base: '/v1/prices' };

const createSchema = z.strictObject({
	currency,
	unit_amount: int(0),
	product: z.string().optional(),
	product_data: z
		.strictObject({ name: z.string().min(1), active: bool.optional(), metadata })
		.optional(),
	recurring: recurringParams.optional(),
	active: bool.optional(),
	lookup_key: z.string().max(200).optional(),
	transfer_lookup_key: bool.optional(),
	nickname: z.string().optional(),
	metadata,
	expand: expandParam
});

const updateSchema = z.strictObject({
	active: bool.optional(),
	lookup_key: z.string().max(200).optional(),
	transfer_lookup_key: bool.optional(),
	nickname: z.string().optional(),
	metadata: metadataUpdate,
	expand: expandParam
});

const priceList = listSchema.extend({
	active: bool.optional(),
	product: z.string().optional(),
	type: z.enum(['one_time', 'recurring']).optional(),
	currency: currency.optional(),
	lookup_keys: z.array(z.string()).max(10).optional(),
	recurring: z
		.strictObject({ interval: z.enum(['day', 'week', 'month', 'year']).optional() })
		.optional()
});

/**
 * A lookup key names one price at a time: taking it from another price needs
 * `transfer_lookup_key`, which removes it there (`price.updated`).
 */
function claimLookupKey(
	emu: Emulator,
	key: string | undefined,
	transfer: boolean | undefined,
	request: RequestInfo
) {
	if (!key) return;
	const holder = emu.store.all<Stripe.Price>('price').find((p) => p.lookup_key === key);
	if (!holder) return;
	if (!transfer)
		throw invalidRequest(`A price (\`${holder.id}\`) already uses that lookup key.`, 'lookup_key');
	const before = structuredClone(holder);
	holder.lookup_key = null;
	emitChange(emu, 'price.updated', before, holder, request);
}

export const priceRoutes: Route[] = [
	{
		method: 'POST',
		path: '/v1/prices',
		handler: (emu, req) => {
			const params = validate(createSchema, req.params);
			if (!params.product === !params.product_data)
				throw invalidRequest(
					'You must specify exactly one of `product` or `product_data`.',
					'product'
				);
			const now = nowSeconds();
			if (params.product && !emu.store.get('product', params.product))
				throw noSuch('product', params.product, 'product');
			claimLookupKey(emu, params.lookup_key, params.transfer_lookup_key, req.request);
			let product = params.product;
			if (params.product_data) {
				const made = emu.store.put(newProduct(params.product_data, now));
				emit(emu, 'product.created', made, req.request);
				product = made.id;
			}
			const price = emu.store.put(newPrice({ ...params, product: product! }, now));
			emit(emu, 'price.created', price, req.request);
			emu.store.save();
			return expand(emu, price, params.expand);
		}
	},
	retrieveRoute(PRICE),
	{
		method: 'POST',
		path: '/v1/prices/:id',
		handler: (emu, req) => {
			const params = validate(updateSchema, req.params);
			const price = getOrThrow<Stripe.Price>(emu, PRICE, req.path.id);
			if (params.lookup_key !== price.lookup_key)
				claimLookupKey(emu, params.lookup_key, params.transfer_lookup_key, req.request);
			const before = structuredClone(price);
			if (params.active !== undefined) price.active = params.active;
			if (params.lookup_key !== undefined) price.lookup_key = params.lookup_key || null;
			if (params.nickname !== undefined) price.nickname = params.nickname || null;
			if (params.metadata !== undefined)
				price.metadata = mergeMetadata(price.metadata, params.metadata);
			emitChange(emu, 'price.updated', before, price, req.request);
			emu.store.save();
			return expand(emu, price, params.expand);
		}
	},
	listRoute(
		PRICE,
		priceList,
		(p) => (price: Stripe.Price) =>
			(p.active === undefined || price.active === p.active) &&
			(!p.product || price.product === p.product) &&
			(!p.type || price.type === p.type) &&
			(!p.currency || price.currency === p.currency) &&
			(!p.lookup_keys || (price.lookup_key !== null && p.lookup_keys.includes(price.lookup_key))) &&
			(!p.recurring?.interval || price.recurring?.interval === p.recurring.interval)
	)
];
