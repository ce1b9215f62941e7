import type Stripe from 'stripe';
import { emit, NO_REQUEST, type Emulator } from '../emulator.ts';
import { invalidRequest, noSuch } from '../errors.ts';
import { newDispute } from '../objects/dispute.ts';

function getObject<T>(emu: Emulator, type: 'charge' | 'dispute', id: string): T {
	const found = emu.store.get(type, id);
	if (!found) throw noSuch(type, id, type);
	return found as T;
}

const REASONS = ['fraudulent', 'product_not_received', 'unrecognized', 'duplicate', 'general'];

/** A cardholder disputes a charge (on Stripe: test card 4000 0000 0000 0259; here: the control API). */
export function openDispute(
	emu: Emulator,
	chargeId: string,
	reason = 'fraudulent'
): Stripe.Dispute {
	if (!REASONS.includes(reason))
		throw invalidRequest(`Invalid reason: must be one of ${REASONS.join(', ')}`, 'reason');
	const charge = getObject<Stripe.Charge>(emu, 'charge', chargeId);
	if (charge.status !== 'succeeded')
		throw invalidRequest(`Charge ${charge.id} has not succeeded and cannot be disputed.`, 'charge');
	if (charge.disputed) throw invalidRequest(`Charge ${charge.id} is already disputed.`, 'charge');
	const dispute = newDispute(charge, reason as string);
	charge.disputed = true;
	emu.store.put(dispute);
	emit(emu, 'charge.dispute.created', dispute, NO_REQUEST);
	emu.store.save();
	return dispute;
}

/** The bank decides: `won` or `lost`, sent as `charge.dispute.closed`. */
export function closeDispute(emu: Emulator, disputeId: string, status: string): Stripe.Dispute {
	if (status !== 'won' && status !== 'lost')
		throw invalidRequest('Invalid status: must be one of won, or lost', 'status');
	const dispute = getObject<Stripe.Dispute>(emu, 'dispute', disputeId);
	if (dispute.status === 'won' || dispute.status === 'lost')
		throw invalidRequest(`Dispute ${dispute.id} is already closed.`, 'dispute');
	const previous = { status: dispute.status };
	dispute.status = status;
	emit(emu, 'charge.dispute.closed', dispute, NO_REQUEST, previous);
	emu.store.save();
	return dispute;
}
