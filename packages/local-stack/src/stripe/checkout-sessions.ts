import type Stripe from 'stripe';
import { z } from 'zod';
import { emit, expand, type Emulator, type RequestInfo, NO_REQUEST } from './emulator.ts';
import { invalidRequest, missingParam, noSuch } from './errors.ts';
import { nowSeconds } from './ids.ts';
import { productAndPrice } from './objects/catalog.ts';
import {
	newCheckoutSession,
	newLineItems,
	type StoredLineItems
} from './objects/checkout-session.ts';
import { createdFilter, paginate, listParamsSchema } from './pagination.ts';
import type { Route } from './router.ts';
import { currency, expand as expandParam, int, metadata, validate } from './validation.ts';

const productData = z.strictObject({
	name: z.string(),
	description: z.string().optional(),
	images: z.array(z.string()).max(8).optional(),
	metadata
});

const createSchema = z.strictObject({
	mode: z.enum(['payment', 'setup', 'subscription']),
	line_items: z
		.array(
			z.strictObject({
				price_data: z.strictObject({ currency, unit_amount: int(0), product_data: productData }),
				quantity: int(1)
			})
		)
		.optional(),
	success_url: z.string().optional(),
	cancel_url: z.string().optional(),
	customer_email: z.string().optional(),
	client_reference_id: z.string().max(200).optional(),
	expires_at: int(0).optional(),
	metadata,
	payment_intent_data: z
		.strictObject({
			metadata,
			description: z.string().optional(),
			receipt_email: z.string().optional()
		})
		.optional(),
	payment_method_types: z.array(z.string()).optional(),
	locale: z.string().optional(),
	submit_type: z.enum(['auto', 'book', 'donate', 'pay', 'subscribe']).optional(),
	expand: expandParam
});

const listSchema = listParamsSchema.extend({
	payment_intent: z.string().optional(),
	status: z.enum(['open', 'complete', 'expired']).optional(),
	client_reference_id: z.string().optional(),
	expand: expandParam
});

const retrieveSchema = z.strictObject({ expand: expandParam });

const SESSION = 'checkout.session';

/** A session by id, expired first if its time has passed (Stripe expires them on its own). */
export function getSession(emu: Emulator, id: string): Stripe.Checkout.Session {
	const session = emu.store.get<Stripe.Checkout.Session>(SESSION, id);
	if (!session) throw noSuch('checkout.session', id, 'session');
	if (session.status === 'open' && session.expires_at <= nowSeconds())
		expireSession(emu, session, NO_REQUEST);
	return session;
}

/** Stripe expires sessions at `expires_at` on its own; the emulator checks now and then. */
export function expireOverdueSessions(emu: Emulator) {
	for (const session of emu.store.all<Stripe.Checkout.Session>(SESSION))
		if (session.status === 'open') getSession(emu, session.id);
}

export function lineItemsOf(emu: Emulator, sessionId: string): Stripe.LineItem[] {
	return emu.store.get<StoredLineItems>('emulator.line_items', sessionId)?.data ?? [];
}

function expireSession(emu: Emulator, session: Stripe.Checkout.Session, request: RequestInfo) {
	session.status = 'expired';
	session.url = null;
	emu.store.put(session);
	emit(emu, 'checkout.session.expired', session, request);
	emu.store.save();
}

/** Applies `expand[]`, including `line_items`, which is not an id but a list kept aside. */
export function presentSession(
	emu: Emulator,
	session: Stripe.Checkout.Session,
	paths: string[] = []
) {
	const rest = paths.filter((path) => path !== 'line_items');
	const shown = expand(emu, session, rest);
	if (rest.length < paths.length) {
		const data = lineItemsOf(emu, session.id);
		shown.line_items = {
			object: 'list',
			data,
			has_more: false,
			url: `/v1/checkout/sessions/${session.id}/line_items`
		} as Stripe.ApiList<Stripe.LineItem>;
	}
	return shown;
}

function createSession(emu: Emulator, params: z.output<typeof createSchema>) {
	if (params.mode !== 'payment')
		throw invalidRequest(
			`The emulator supports mode=payment only (mode=${params.mode} is not emulated yet).`,
			'mode'
		);
	if (!params.line_items?.length) throw missingParam('line_items');
	const currencies = new Set(params.line_items.map((item) => item.price_data.currency));
	if (currencies.size > 1)
		throw invalidRequest('All line items must share the same currency.', 'line_items');
	const now = nowSeconds();
	if (
		params.expires_at !== undefined &&
		(params.expires_at < now + 30 * 60 || params.expires_at > now + 24 * 3600)
	)
		throw invalidRequest(
			'The `expires_at` timestamp must be between 30 minutes and 24 hours from Checkout Session creation.',
			'expires_at'
		);
	const catalog = params.line_items.map((item) => productAndPrice(item.price_data));
	for (const { product, price } of catalog) {
		emu.store.put(product);
		emu.store.put(price);
	}
	const items = newLineItems(
		params,
		catalog.map((c) => c.product),
		catalog.map((c) => c.price)
	);
	const session = newCheckoutSession(params, items, (id) => `${emu.publicUrl}/c/pay/${id}`);
	// Kept for the PaymentIntent Checkout creates at the first payment attempt.
	emu.store.put({
		id: session.id,
		object: 'emulator.payment_intent_data',
		...params.payment_intent_data
	} as never);
	emu.store.put(session);
	emu.store.put({ id: session.id, object: 'emulator.line_items', data: items } as StoredLineItems);
	emu.store.save();
	return presentSession(emu, session, params.expand);
}

export const checkoutSessionRoutes: Route[] = [
	{
		method: 'POST',
		path: '/v1/checkout/sessions',
		handler: (emu, req) => createSession(emu, validate(createSchema, req.params))
	},
	{
		method: 'GET',
		path: '/v1/checkout/sessions/:id',
		handler: (emu, req) =>
			presentSession(emu, getSession(emu, req.path.id), validate(retrieveSchema, req.params).expand)
	},
	{
		method: 'GET',
		path: '/v1/checkout/sessions/:id/line_items',
		handler: (emu, req) => {
			const params = validate(
				listSchema.pick({ limit: true, starting_after: true, ending_before: true, expand: true }),
				req.params
			);
			getSession(emu, req.path.id);
			return paginate(
				lineItemsOf(emu, req.path.id),
				params,
				`/v1/checkout/sessions/${req.path.id}/line_items`
			);
		}
	},
	{
		method: 'GET',
		path: '/v1/checkout/sessions',
		handler: (emu, req) => {
			const params = validate(listSchema, req.params);
			const created = createdFilter(params.created);
			const all = emu.store.all<Stripe.Checkout.Session>(SESSION).map((s) => getSession(emu, s.id));
			const matching = all.filter(
				(s) =>
					created(s.created) &&
					(!params.payment_intent || s.payment_intent === params.payment_intent) &&
					(!params.status || s.status === params.status) &&
					(!params.client_reference_id || s.client_reference_id === params.client_reference_id)
			);
			const page = paginate(matching, params, '/v1/checkout/sessions');
			return {
				...page,
				data: page.data.map((s) =>
					presentSession(
						emu,
						s,
						(params.expand ?? []).map((p) => p.replace(/^data\./, ''))
					)
				)
			};
		}
	},
	{
		method: 'POST',
		path: '/v1/checkout/sessions/:id/expire',
		handler: (emu, req) => {
			validate(retrieveSchema, req.params);
			const session = getSession(emu, req.path.id);
			if (session.status !== 'open')
				throw invalidRequest(
					`Only Checkout Sessions with a status in ["open"] can be expired. This Checkout Session has a status of ${session.status}.`
				);
			expireSession(emu, session, req.request);
			return presentSession(emu, session);
		}
	}
];
