import type Stripe from 'stripe';
import { z } from 'zod';
import { emit, emitChange } from '../emulator.ts';
import { invalidRequest } from '../errors.ts';
import { expand } from '../expand.ts';
import { nowSeconds } from '../ids.ts';
import { newProduct } from '../objects/product.ts';
import type { Route } from '../router.ts';
import {
	bool,
	emptyable,
	expand as expandParam,
	mergeMetadata,
	metadata,
	metadataUpdate,
	validate
} from '../validation.ts';
import { getOrThrow, listRoute, listSchema, retrieveRoute, type Kind } from './resource.ts';

export const PRODUCT: Kind = {
	type: 'product',
	noun: 'product',
	param: 'id',
	base: '/v1/products'
};

const createSchema = z.strictObject({
	id: z
		.string()
		.regex(/^[A-Za-z0-9_-]+$/)
		.optional(),
	name: z.string().min(1),
	active: bool.optional(),
	description: z.string().optional(),
	images: z.array(z.string()).max(8).optional(),
	metadata,
	url: z.string().optional(),
	unit_label: z.string().max(12).optional(),
	statement_descriptor: z.string().max(22).optional(),
	expand: expandParam
});

const updateSchema = z.strictObject({
	name: z.string().min(1).optional(),
	active: bool.optional(),
	description: emptyable(z.string()),
	images: emptyable(z.array(z.string()).max(8)),
	metadata: metadataUpdate,
	url: emptyable(z.string()),
	unit_label: emptyable(z.string().max(12)),
	default_price: z.string().optional(),
	expand: expandParam
});

const productList = listSchema.extend({
	active: bool.optional(),
	ids: z.array(z.string()).optional(),
	url: z.string().optional()
});

export const productRoutes: Route[] = [
	{
		method: 'POST',
		path: '/v1/products',
		handler: (emu, req) => {
			const { expand: paths, ...create } = validate(createSchema, req.params);
			if (create.id && emu.store.get('product', create.id))
				throw invalidRequest(`Product already exists.`, 'id', 'resource_already_exists');
			const product = emu.store.put(newProduct(create, nowSeconds()));
			emit(emu, 'product.created', product, req.request);
			emu.store.save();
			return expand(emu, product, paths);
		}
	},
	retrieveRoute(PRODUCT),
	{
		method: 'POST',
		path: '/v1/products/:id',
		handler: (emu, req) => {
			const {
				expand: paths,
				metadata: meta,
				default_price,
				images,
				...plain
			} = validate(updateSchema, req.params);
			const product = getOrThrow<Stripe.Product>(emu, PRODUCT, req.path.id);
			const price = default_price && emu.store.get<Stripe.Price>('price', default_price);
			if (default_price !== undefined && (!price || price.product !== product.id))
				throw invalidRequest(
					`The price ${default_price} is not a price of the product ${product.id}.`,
					'default_price'
				);
			const before = structuredClone(product);
			Object.assign(product, plain);
			if (images !== undefined) product.images = images ?? [];
			if (meta !== undefined) product.metadata = mergeMetadata(product.metadata, meta);
			if (default_price !== undefined) product.default_price = default_price;
			product.updated = nowSeconds();
			emitChange(emu, 'product.updated', before, product, req.request);
			emu.store.save();
			return expand(emu, product, paths);
		}
	},
	listRoute(
		PRODUCT,
		productList,
		(p) => (product: Stripe.Product) =>
			(p.active === undefined || product.active === p.active) &&
			(!p.ids || p.ids.includes(product.id)) &&
			(p.url === undefined || product.url === p.url)
	)
];
