import type Stripe from 'stripe';
import { emit, emitChange, type Emulator, type RequestInfo } from '../emulator.ts';
import { invalidRequest, noSuch, StripeApiError } from '../errors.ts';
import { formatAmount } from '../money.ts';
import { newRefund } from '../objects/refund.ts';
import { timeOfCustomer } from '../time.ts';
import { mergeMetadata } from '../validation.ts';

export interface RefundCreate {
	charge?: string;
	payment_intent?: string;
	amount?: number;
	reason?: Stripe.Refund.Reason;
	metadata?: Record<string, string>;
}

function chargeToRefund(emu: Emulator, create: RefundCreate): Stripe.Charge {
	if (!create.charge && !create.payment_intent)
		throw invalidRequest(
			'One of the following params should be provided for this request: payment_intent or charge.',
			'charge',
			'parameter_missing'
		);
	let chargeId = create.charge;
	if (create.payment_intent) {
		const intent = emu.store.get<Stripe.PaymentIntent>('payment_intent', create.payment_intent);
		if (!intent) throw noSuch('payment_intent', create.payment_intent, 'payment_intent');
		if (intent.status !== 'succeeded' || !intent.latest_charge)
			throw invalidRequest(
				`This PaymentIntent (${intent.id}) does not have a successful charge to refund.`,
				'payment_intent'
			);
		if (chargeId && chargeId !== intent.latest_charge)
			throw invalidRequest(
				`The charge ${chargeId} does not belong to the PaymentIntent ${intent.id}.`,
				'charge'
			);
		chargeId = String(intent.latest_charge);
	}
	const charge = emu.store.get<Stripe.Charge>('charge', chargeId!);
	if (!charge) throw noSuch('charge', chargeId!, 'charge');
	return charge;
}

/**
 * A refund of a charge (named directly or through its PaymentIntent), all of what is left unless
 * `amount` says less: `refund.created`, then `charge.refunded` with the new `amount_refunded`
 * (`refunded` only once nothing is left). A card refund succeeds at once, so nothing more follows.
 */
export function createRefund(emu: Emulator, create: RefundCreate, request: RequestInfo) {
	const charge = chargeToRefund(emu, create);
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
	const amount = create.amount ?? remaining;
	if (amount > remaining)
		throw invalidRequest(
			`Refund amount (${formatAmount(amount, charge.currency)}) is greater than unrefunded amount on charge (${formatAmount(remaining, charge.currency)})`,
			'amount',
			'amount_too_large'
		);
	const created = timeOfCustomer(emu, charge.customer as string | null);
	const refund = emu.store.put(
		newRefund(charge, amount, create.reason ?? null, create.metadata ?? {}, created)
	);
	const previous = { amount_refunded: charge.amount_refunded, refunded: charge.refunded };
	charge.amount_refunded += amount;
	charge.refunded = charge.amount_refunded === charge.amount;
	charge.refunds?.data.unshift(refund);
	emit(emu, 'refund.created', refund, request);
	emit(emu, 'charge.refunded', charge, request, previous);
	emu.store.save();
	return refund;
}

/**
 * Updating a refund's metadata: `refund.updated` and, as Stripe still sends for charge refunds,
 * `charge.refund.updated`. The charge's copy in `refunds` follows.
 */
export function updateRefund(
	emu: Emulator,
	refund: Stripe.Refund,
	metadata: '' | Record<string, string> | undefined,
	request: RequestInfo
) {
	const before = structuredClone(refund);
	refund.metadata = mergeMetadata(refund.metadata, metadata);
	const charge = emu.store.get<Stripe.Charge>('charge', refund.charge as string);
	const copy = charge?.refunds?.data.find((r) => r.id === refund.id);
	if (copy) copy.metadata = refund.metadata;
	const event = emitChange(emu, 'refund.updated', before, refund, request);
	if (event) emit(emu, 'charge.refund.updated', refund, request, event.data.previous_attributes);
	emu.store.save();
	return refund;
}
