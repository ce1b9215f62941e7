import type Stripe from 'stripe';
import { z } from 'zod';
import { switchablePrice, switchPrice } from '../billing/changes.ts';
import {
	changeSubscription,
	getSubscription,
	setCancelAtPeriodEnd,
	timeOfSubscription,
	transition
} from '../billing/subscriptions.ts';
import { isLive } from '../billing/subscription-status.ts';
import type { Emulator, RequestInfo } from '../emulator.ts';
import { invalidRequest } from '../errors.ts';
import { expand } from '../expand.ts';
import { createdFilter } from '../pagination.ts';
import { getPaymentMethod } from '../payments/payment-methods.ts';
import type { Route } from '../router.ts';
import {
	bool,
	emptyable,
	expand as expandParam,
	int,
	mergeMetadata,
	metadataUpdate,
	validate
} from '../validation.ts';
import { listRoute, listSchema, retrieveRoute, type Kind } from './resource.ts';

const SUBSCRIPTION: Kind = {
	type: 'subscription',
	noun: 'subscription',
	param: 'subscription_exposed_id',
	base: '/v1/subscriptions'
};

const cancellationDetails = z
	.strictObject({
		comment: emptyable(z.string().max(5000)),
		feedback: emptyable(
			z.enum([
				'customer_service',
				'low_quality',
				'missing_features',
				'other',
				'switched_service',
				'too_complex',
				'too_expensive',
				'unused'
			])
		)
	})
	.optional();

const updateSchema = z.strictObject({
	cancel_at_period_end: bool.optional(),
	items: z
		.array(
			z.strictObject({ id: z.string(), price: z.string().optional(), quantity: int(1).optional() })
		)
		.max(20)
		.optional(),
	proration_behavior: z.enum(['none', 'create_prorations', 'always_invoice']).optional(),
	default_payment_method: z.string().optional(),
	description: emptyable(z.string().max(500)),
	metadata: metadataUpdate,
	cancellation_details: cancellationDetails,
	expand: expandParam
});

const cancelSchema = z.strictObject({
	cancellation_details: cancellationDetails,
	invoice_now: bool.optional(),
	prorate: bool.optional(),
	expand: expandParam
});

const range = z.union([z.string(), z.record(z.string(), z.string())]).optional();
const subscriptionList = listSchema.extend({
	customer: z.string().optional(),
	price: z.string().optional(),
	status: z
		.enum([
			'active',
			'all',
			'canceled',
			'ended',
			'incomplete',
			'incomplete_expired',
			'past_due',
			'paused',
			'trialing',
			'unpaid'
		])
		.optional(),
	test_clock: z.string().optional(),
	current_period_start: range,
	current_period_end: range
});

/** Without `status`, Stripe lists every subscription that is not canceled; `all` lists them all. */
function statusMatches(wanted: string | undefined, status: string) {
	if (wanted === 'all') return true;
	if (wanted === undefined) return status !== 'canceled';
	if (wanted === 'ended') return !isLive(status);
	return status === wanted;
}

function update(
	emu: Emulator,
	subscription: Stripe.Subscription,
	params: z.output<typeof updateSchema>,
	request: RequestInfo
) {
	const ended = !isLive(subscription.status);
	const { metadata, cancellation_details, expand: _paths, ...billing } = params;
	if (ended && Object.values(billing).some((v) => v !== undefined))
		throw invalidRequest(
			'A canceled subscription can only update its cancellation_details and metadata.'
		);
	if (subscription.status === 'incomplete' && Object.values(billing).some((v) => v !== undefined))
		throw invalidRequest(
			'An incomplete subscription can only update its metadata until its first invoice is paid.'
		);
	if (params.proration_behavior === 'always_invoice')
		throw invalidRequest(
			'The emulator does not compute prorations: use proration_behavior=none.',
			'proration_behavior'
		);
	if (params.default_payment_method) {
		const method = getPaymentMethod(emu, params.default_payment_method, 'default_payment_method');
		if (method.customer !== subscription.customer)
			throw invalidRequest(
				`The customer does not have a payment method with the ID ${method.id}. The payment method must be attached to the customer.`,
				'default_payment_method'
			);
	}
	const switches = (params.items ?? []).map((change, i) => {
		const item = subscription.items.data.find((each) => each.id === change.id);
		if (!item) throw invalidRequest(`No such subscription item: '${change.id}'`, `items[${i}][id]`);
		const price = change.price
			? switchablePrice(emu, subscription, change.price, `items[${i}][price]`)
			: item.price;
		return { item, price, quantity: change.quantity };
	});
	changeSubscription(
		emu,
		subscription,
		(s) => {
			if (params.cancel_at_period_end !== undefined)
				setCancelAtPeriodEnd(s, params.cancel_at_period_end, timeOfSubscription(emu, s));
			if (params.default_payment_method) s.default_payment_method = params.default_payment_method;
			if (params.description !== undefined) s.description = params.description;
			if (metadata !== undefined) s.metadata = mergeMetadata(s.metadata, metadata);
			if (cancellation_details)
				s.cancellation_details = {
					...s.cancellation_details!,
					comment: cancellation_details.comment ?? s.cancellation_details?.comment ?? null,
					feedback: cancellation_details.feedback ?? s.cancellation_details?.feedback ?? null
				};
		},
		request
	);
	for (const { item, price, quantity } of switches)
		switchPrice(emu, subscription, item, price, quantity, request);
}

export const subscriptionRoutes: Route[] = [
	retrieveRoute(SUBSCRIPTION),
	listRoute(SUBSCRIPTION, subscriptionList, (p) => {
		const start = createdFilter(p.current_period_start);
		const end = createdFilter(p.current_period_end);
		return (s: Stripe.Subscription) =>
			statusMatches(p.status, s.status) &&
			(!p.customer || s.customer === p.customer) &&
			(!p.price || s.items.data.some((item) => item.price.id === p.price)) &&
			(!p.test_clock || s.test_clock === p.test_clock) &&
			start(s.items.data[0].current_period_start) &&
			end(s.items.data[0].current_period_end);
	}),
	{
		method: 'POST',
		path: '/v1/subscriptions/:id',
		handler: (emu, req) => {
			const params = validate(updateSchema, req.params);
			const subscription = getSubscription(emu, req.path.id, SUBSCRIPTION.param);
			update(emu, subscription, params, req.request);
			emu.store.save();
			return expand(emu, subscription, params.expand);
		}
	},
	{
		method: 'DELETE',
		path: '/v1/subscriptions/:id',
		handler: (emu, req) => {
			const params = validate(cancelSchema, req.params);
			if (params.invoice_now || params.prorate)
				throw invalidRequest(
					'The emulator does not invoice on cancellation: omit invoice_now and prorate.',
					params.invoice_now ? 'invoice_now' : 'prorate'
				);
			const subscription = getSubscription(emu, req.path.id, SUBSCRIPTION.param);
			if (!isLive(subscription.status))
				throw invalidRequest(
					`A canceled subscription can't be canceled again (${subscription.id} is ${subscription.status}).`
				);
			if (params.cancellation_details)
				subscription.cancellation_details = {
					...subscription.cancellation_details!,
					comment: params.cancellation_details.comment ?? null,
					feedback: params.cancellation_details.feedback ?? null
				};
			transition(emu, subscription, 'canceled', req.request);
			emu.store.save();
			return expand(emu, subscription, params.expand);
		}
	}
];
