import type Stripe from 'stripe';
import { z } from 'zod';
import { collectInvoice, invoiceSucceeded } from '../billing/collection.ts';
import {
	closeInvoice,
	finalizeInvoice,
	getInvoice,
	paymentsOf,
	subscriptionOf
} from '../billing/invoices.ts';
import { requireInvoiceStatus } from '../billing/invoice-status.ts';
import type { Emulator, RequestInfo } from '../emulator.ts';
import { cardError, invalidRequest } from '../errors.ts';
import { expandWithList } from '../expand.ts';
import { paginate } from '../pagination.ts';
import { getPaymentMethod } from '../payments/payment-methods.ts';
import type { Route } from '../router.ts';
import type { StoredObject } from '../store.ts';
import { bool, expand as expandParam, validate } from '../validation.ts';
import { listRoute, listSchema, retrieveRoute, type Kind } from './resource.ts';

const INVOICE: Kind = { type: 'invoice', noun: 'invoice', param: 'invoice', base: '/v1/invoices' };

const invoiceList = listSchema.extend({
	customer: z.string().optional(),
	subscription: z.string().optional(),
	status: z.enum(['draft', 'open', 'paid', 'uncollectible', 'void']).optional(),
	collection_method: z.enum(['charge_automatically', 'send_invoice']).optional()
});

const paySchema = z.strictObject({
	payment_method: z.string().optional(),
	paid_out_of_band: bool.optional(),
	off_session: bool.optional(),
	expand: expandParam
});

const expandOnly = z.strictObject({ expand: expandParam });

/** `payments` is an includable list: shown only when `expand[]=payments` asks for it. */
const present = (emu: Emulator, object: StoredObject, paths: string[]) =>
	expandWithList(emu, object as Stripe.Invoice, paths, 'payments', () => ({
		data: paymentsOf(emu, object.id),
		url: `/v1/invoice_payments?invoice=${object.id}`
	}));

/**
 * `pay`: a draft is finalized first; then the card given (it must be the customer's), or the
 * default one, is charged, or `paid_out_of_band` records a payment made elsewhere. A declined
 * card answers 402 with the card's error, and the attempt stays on the invoice.
 */
function pay(
	emu: Emulator,
	invoice: Stripe.Invoice,
	params: z.output<typeof paySchema>,
	request: RequestInfo
) {
	if (invoice.status === 'draft') finalizeInvoice(emu, invoice, request);
	requireInvoiceStatus(invoice.id, invoice.status ?? 'draft', 'pay');
	if (params.paid_out_of_band) return invoiceSucceeded(emu, invoice, request, true);
	if (params.payment_method) {
		const method = getPaymentMethod(emu, params.payment_method);
		if (method.customer !== invoice.customer)
			throw invalidRequest(
				`The PaymentMethod ${method.id} does not belong to the invoice's customer.`,
				'payment_method'
			);
	}
	const result = collectInvoice(emu, invoice, { request, paymentMethod: params.payment_method });
	if (result.status === 'failed') {
		emu.store.save();
		throw cardError(result.message, result.code, result.declineCode);
	}
}

export const invoiceRoutes: Route[] = [
	retrieveRoute(INVOICE, present),
	listRoute(
		INVOICE,
		invoiceList,
		(p) => (invoice: Stripe.Invoice) =>
			(!p.customer || invoice.customer === p.customer) &&
			(!p.subscription || subscriptionOf(invoice) === p.subscription) &&
			(!p.status || invoice.status === p.status) &&
			(!p.collection_method || invoice.collection_method === p.collection_method),
		present
	),
	{
		method: 'GET',
		path: '/v1/invoices/:id/lines',
		handler: (emu, req) => {
			const params = validate(listSchema.omit({ created: true }), req.params);
			const invoice = getInvoice(emu, req.path.id);
			return paginate(invoice.lines.data, params, `/v1/invoices/${invoice.id}/lines`);
		}
	},
	{
		method: 'POST',
		path: '/v1/invoices/:id/pay',
		handler: (emu, req) => {
			const params = validate(paySchema, req.params);
			const invoice = getInvoice(emu, req.path.id);
			pay(emu, invoice, params, req.request);
			emu.store.save();
			return present(emu, invoice, params.expand ?? []);
		}
	},
	...(['void', 'mark_uncollectible'] as const).map((action): Route => ({
		method: 'POST',
		path: `/v1/invoices/:id/${action}`,
		handler: (emu, req) => {
			const params = validate(expandOnly, req.params);
			const invoice = getInvoice(emu, req.path.id);
			closeInvoice(emu, invoice, action, req.request);
			emu.store.save();
			return present(emu, invoice, params.expand ?? []);
		}
	}))
];
