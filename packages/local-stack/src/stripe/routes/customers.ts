import type Stripe from 'stripe';
import { z } from 'zod';
import { createCustomer, getCustomer } from '../billing/customers.ts';
import { emitChange, type Emulator } from '../emulator.ts';
import { invalidRequest } from '../errors.ts';
import { expand } from '../expand.ts';
import { getPaymentMethod } from '../payments/payment-methods.ts';
import type { Route } from '../router.ts';
import {
	expand as expandParam,
	metadata,
	metadataUpdate,
	mergeMetadata,
	validate
} from '../validation.ts';
import { listPage, listRoute, listSchema, retrieveRoute, type Kind } from './resource.ts';

export const CUSTOMER: Kind = {
	type: 'customer',
	noun: 'customer',
	param: 'customer',
	base: '/v1/customers'
};

const fields = {
	email: z.string().max(512).optional(),
	name: z.string().max(256).optional(),
	description: z.string().max(350).optional(),
	phone: z.string().max(20).optional(),
	preferred_locales: z.array(z.string()).optional(),
	expand: expandParam
};

const createSchema = z.strictObject({ ...fields, metadata, test_clock: z.string().optional() });

const updateSchema = z.strictObject({
	...fields,
	metadata: metadataUpdate,
	invoice_settings: z.strictObject({ default_payment_method: z.string().optional() }).optional()
});

const customerList = listSchema.extend({
	email: z.string().max(512).optional(),
	test_clock: z.string().optional()
});

/** Checks everything first, so a refused update changes nothing. */
function updateCustomer(emu: Emulator, id: string, params: z.output<typeof updateSchema>) {
	const customer = getCustomer(emu, id, 'id');
	const { metadata: meta, invoice_settings, expand: _paths, ...plain } = params;
	const method = invoice_settings?.default_payment_method;
	const param = 'invoice_settings[default_payment_method]';
	if (method && getPaymentMethod(emu, method, param).customer !== customer.id)
		throw invalidRequest(
			`The payment method ${method} must be attached to the customer ${customer.id} first.`,
			param
		);
	const before = structuredClone(customer);
	for (const [key, value] of Object.entries(plain))
		(customer as unknown as Record<string, unknown>)[key] = value === '' ? null : value;
	if (meta !== undefined) customer.metadata = mergeMetadata(customer.metadata, meta);
	if (method !== undefined) customer.invoice_settings.default_payment_method = method || null;
	return { customer, before };
}

export const customerRoutes: Route[] = [
	{
		method: 'POST',
		path: '/v1/customers',
		handler: (emu, req) => {
			const { expand: paths, ...create } = validate(createSchema, req.params);
			const customer = createCustomer(emu, create, req.request);
			emu.store.save();
			return expand(emu, customer, paths);
		}
	},
	retrieveRoute(CUSTOMER),
	{
		method: 'POST',
		path: '/v1/customers/:id',
		handler: (emu, req) => {
			const params = validate(updateSchema, req.params);
			const { customer, before } = updateCustomer(emu, req.path.id, params);
			emitChange(emu, 'customer.updated', before, customer, req.request);
			emu.store.save();
			return expand(emu, customer, params.expand);
		}
	},
	listRoute(
		CUSTOMER,
		customerList,
		(p) => (c: Stripe.Customer) =>
			(p.email === undefined || c.email === p.email) &&
			(p.test_clock === undefined || c.test_clock === p.test_clock)
	),
	{
		method: 'GET',
		path: '/v1/customers/:id/payment_methods',
		handler: (emu, req) => {
			const params = validate(listSchema.extend({ type: z.string().optional() }), req.params);
			getCustomer(emu, req.path.id);
			const methods = emu.store
				.all<Stripe.PaymentMethod>('payment_method')
				.filter((m) => m.customer === req.path.id && (!params.type || m.type === params.type));
			return listPage(emu, methods, params, `/v1/customers/${req.path.id}/payment_methods`);
		}
	}
];
