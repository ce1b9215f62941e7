import type Stripe from 'stripe';
import type { Emulator } from '../emulator.ts';
import { newId } from '../ids.ts';

const RECEIPT = 'emulator.receipt';

interface ReceiptLink {
	id: string;
	object: typeof RECEIPT;
	charge: string;
}

/**
 * A charge's `receipt_url`: like Stripe's `https://pay.stripe.com/receipts/payment/…`, an
 * unguessable address anyone holding it may open (the store links it from its Orders view).
 */
export function newReceiptLink(emu: Emulator): { token: string; url: string } {
	const token = newId('rcpt', 32).slice('rcpt_'.length);
	return { token, url: `${emu.publicUrl}/receipts/payment/${token}` };
}

export function saveReceiptLink(emu: Emulator, token: string, charge: string) {
	emu.store.put<ReceiptLink>({ id: token, object: RECEIPT, charge });
}

export function chargeOfReceipt(emu: Emulator, token: string): Stripe.Charge | undefined {
	const link = emu.store.get<ReceiptLink>(RECEIPT, token);
	return link && emu.store.get<Stripe.Charge>('charge', link.charge);
}
