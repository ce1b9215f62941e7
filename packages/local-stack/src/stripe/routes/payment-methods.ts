import type Stripe from 'stripe';
import { z } from 'zod';
import { getCustomer } from '../billing/customers.ts';
import { emit } from '../emulator.ts';
import { invalidRequest } from '../errors.ts';
import { expand } from '../expand.ts';
import {
	attachPaymentMethod,
	getPaymentMethod,
	resolvePaymentMethod
} from '../payments/payment-methods.ts';
import type { Route } from '../router.ts';
import { timeOfCustomer } from '../time.ts';
import { expand as expandParam, validate } from '../validation.ts';
import { listRoute, listSchema, retrieveRoute, type Kind } from './resource.ts';

const PAYMENT_METHOD: Kind = {
	type: 'payment_method',
	noun: 'PaymentMethod',
	param: 'payment_method',
	base: '/v1/payment_methods'
};

const attachSchema = z.strictObject({ customer: z.string(), expand: expandParam });
const detachSchema = z.strictObject({ expand: expandParam });
const methodList = listSchema.extend({
	customer: z.string().optional(),
	type: z.string().optional()
});

/**
 * PaymentMethods are made by the hosted pages (a typed card); `attach` also takes Stripe's test
 * ids (`pm_card_visa`, `pm_card_chargeCustomerFail`…), each making a fresh card of that number.
 */
export const paymentMethodRoutes: Route[] = [
	retrieveRoute(PAYMENT_METHOD),
	listRoute(
		PAYMENT_METHOD,
		methodList,
		(p) => (m: Stripe.PaymentMethod) =>
			(!p.customer || m.customer === p.customer) && (!p.type || m.type === p.type)
	),
	{
		method: 'POST',
		path: '/v1/payment_methods/:id/attach',
		handler: (emu, req) => {
			const params = validate(attachSchema, req.params);
			const customer = getCustomer(emu, params.customer);
			const method = resolvePaymentMethod(emu, req.path.id, timeOfCustomer(emu, customer.id));
			if (method.customer === customer.id) return expand(emu, method, params.expand);
			if (method.customer)
				throw invalidRequest(
					'The payment method you provided has already been attached to a customer.',
					'payment_method'
				);
			attachPaymentMethod(emu, method, customer.id, req.request);
			emu.store.save();
			return expand(emu, method, params.expand);
		}
	},
	{
		method: 'POST',
		path: '/v1/payment_methods/:id/detach',
		handler: (emu, req) => {
			const params = validate(detachSchema, req.params);
			const method = getPaymentMethod(emu, req.path.id);
			if (!method.customer)
				throw invalidRequest(
					'The payment method you provided is not attached to a customer so detachment is impossible.',
					'payment_method'
				);
			const previous = { customer: method.customer };
			method.customer = null;
			emit(emu, 'payment_method.detached', method, req.request, previous);
			emu.store.save();
			return expand(emu, method, params.expand);
		}
	}
];
