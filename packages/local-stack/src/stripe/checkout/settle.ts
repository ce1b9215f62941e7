import type Stripe from 'stripe';
import { invoiceFailed, invoiceSucceeded } from '../billing/collection.ts';
import { emit, schedule, type Emulator } from '../emulator.ts';
import { settleCharge } from '../payments/charges.ts';

const PENDING = 'emulator.pending_settlement';

/** A payment left pending by an async test card, kept so a restarted emulator still settles it. */
interface PendingSettlement {
	id: string;
	object: typeof PENDING;
	session: string;
	/** The subscription's first invoice the charge pays, in `subscription` mode. */
	invoice?: string;
	settles: 'succeeded' | 'failed';
}

/**
 * A delayed payment settles: the charge and the intent get their final events, a subscription's
 * first invoice is paid (or fails, leaving the subscription incomplete until it expires), and
 * Checkout tells the store with `async_payment_succeeded` or `async_payment_failed`.
 */
function settle(emu: Emulator, pending: PendingSettlement) {
	emu.store.remove(PENDING, pending.id);
	const session = emu.store.get<Stripe.Checkout.Session>('checkout.session', pending.session);
	const charge = emu.store.get<Stripe.Charge>('charge', pending.id);
	if (!session || !charge || charge.status !== 'pending') return emu.store.save();
	const result = settleCharge(emu, charge, pending.settles);
	const invoice = pending.invoice
		? emu.store.get<Stripe.Invoice>('invoice', pending.invoice)
		: undefined;
	if (result.status === 'succeeded') {
		if (invoice?.status === 'open') invoiceSucceeded(emu, invoice);
		session.payment_status = 'paid';
		emit(emu, 'checkout.session.async_payment_succeeded', session);
	} else {
		if (invoice?.status === 'open') invoiceFailed(emu, invoice, false);
		emit(emu, 'checkout.session.async_payment_failed', session);
	}
	emu.store.save();
}

export function awaitSettlement(
	emu: Emulator,
	session: string,
	charge: string,
	settles: 'succeeded' | 'failed',
	invoice?: string
) {
	const pending = emu.store.put<PendingSettlement>({
		id: charge,
		object: PENDING,
		session,
		invoice,
		settles
	});
	schedule(emu, emu.asyncSettleMs, () => settle(emu, pending));
}

/** After a restart: settles the async payments that were still pending when it stopped. */
export function resumeSettlements(emu: Emulator) {
	for (const pending of emu.store.all<PendingSettlement>(PENDING))
		schedule(emu, emu.asyncSettleMs, () => settle(emu, pending));
}
