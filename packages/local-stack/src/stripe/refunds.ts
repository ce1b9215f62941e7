import type Stripe from 'stripe';
import { z } from 'zod';
import { emit, expand, type Emulator } from './emulator.ts';
import { invalidRequest, StripeApiError } from './errors.ts';
import { newRefund } from './objects/refund.ts';
import { getObject, refundReadRoutes } from './payment-routes.ts';
import type { Route } from './router.ts';
import { expand as expandParam, int, metadata, validate } from './validation.ts';

const createSchema = z.strictObject({
	charge: z.string().optional(),
	payment_intent: z.string().optional(),
	amount: int(1).optional(),
	reason: z.enum(['duplicate', 'fraudulent', 'requested_by_customer']).optional(),
	metadata,
	expand: expandParam
});

const money = (amount: number, currency: string) =>
	new Intl.NumberFormat('en-US', { style: 'currency', currency: currency.toUpperCase() }).format(
		amount / 100
	);

/** A refund of a charge (given directly or through its PaymentIntent), full unless `amount` says otherwise. */
function createRefund(
	emu: Emulator,
	params: z.output<typeof createSchema>,
	request: { id: string | null; idempotency_key: string | null }
) {
	if (!params.charge && !params.payment_intent)
		throw invalidRequest(
			'One of the following params should be provided for this request: payment_intent or charge.',
			'charge',
			'parameter_missing'
		);
	let chargeId = params.charge;
	if (!chargeId) {
		const intent = getObject<Stripe.PaymentIntent>(emu, 'payment_intent', params.payment_intent!);
		if (intent.status !== 'succeeded' || !intent.latest_charge)
			throw invalidRequest(
				`This PaymentIntent (${intent.id}) does not have a successful charge to refund.`,
				'payment_intent'
			);
		chargeId = String(intent.latest_charge);
	}
	const charge = getObject<Stripe.Charge>(emu, 'charge', chargeId);
	if (charge.status !== 'succeeded')
		throw invalidRequest(`Charge ${charge.id} has not succeeded and cannot be refunded.`, 'charge');
	if (charge.refunded)
		throw new StripeApiError(
			400,
			'invalid_request_error',
			`Charge ${charge.id} has already been refunded.`,
			{ code: 'charge_already_refunded', param: 'charge' }
		);
	const remaining = charge.amount - charge.amount_refunded;
	const amount = params.amount ?? remaining;
	if (amount > remaining)
		throw invalidRequest(
			`Refund amount (${money(amount, charge.currency)}) is greater than unrefunded amount on charge (${money(remaining, charge.currency)})`,
			'amount',
			'amount_too_large'
		);
	const refund = newRefund(charge, amount, params.reason ?? null, params.metadata ?? {});
	emu.store.put(refund);
	const previous = { amount_refunded: charge.amount_refunded, refunded: charge.refunded };
	charge.amount_refunded += amount;
	charge.refunded = charge.amount_refunded === charge.amount;
	charge.refunds?.data.unshift(refund);
	emit(emu, 'refund.created', refund, request);
	emit(emu, 'charge.refunded', charge, request, previous);
	emu.store.save();
	return expand(emu, refund, params.expand);
}

export const refundRoutes: Route[] = [
	{
		method: 'POST',
		path: '/v1/refunds',
		handler: (emu, req) => createRefund(emu, validate(createSchema, req.params), req.request)
	},
	...refundReadRoutes
];
