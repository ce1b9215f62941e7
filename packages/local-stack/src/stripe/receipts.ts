import type Stripe from 'stripe';
import { escape, formatAmount, layout } from './checkout-page.ts';
import type { Emulator } from './emulator.ts';
import { newId } from './ids.ts';

/**
 * Charges' receipts. On Stripe a charge that went through has a `receipt_url`
 * (`https://pay.stripe.com/receipts/payment/…`): an unguessable address anyone holding it may
 * open, showing the charge as it is now (refunds included). Here it is the emulator's
 * `/receipts/payment/<token>`.
 */

const RECEIPT = 'emulator.receipt';

interface ReceiptLink {
	id: string;
	object: typeof RECEIPT;
	charge: string;
}

/** Gives a charge its receipt address (the caller saves the store). */
export function addReceipt(emu: Emulator, charge: Stripe.Charge) {
	const token = newId('rcpt', 32).slice('rcpt_'.length);
	emu.store.put<ReceiptLink>({ id: token, object: RECEIPT, charge: charge.id });
	charge.receipt_url = `${emu.publicUrl}/receipts/payment/${token}`;
}

export function chargeOfReceipt(emu: Emulator, token: string): Stripe.Charge | undefined {
	const link = emu.store.get<ReceiptLink>(RECEIPT, token);
	return link && emu.store.get<Stripe.Charge>('charge', link.charge);
}

const date = (seconds: number) =>
	new Intl.DateTimeFormat('en-US', { dateStyle: 'long', timeZone: 'UTC' }).format(seconds * 1000);

/** The receipt page: amount, date, card, status, and each refund with what remains. */
export function receiptPage(charge: Stripe.Charge): string {
	const card = charge.payment_method_details?.card;
	const money = (amount: number) => formatAmount(amount, charge.currency);
	const refunds = (charge.refunds?.data ?? [])
		.map((r) => `<tr><td>Refund · ${date(r.created)}</td><td>−${money(r.amount)}</td></tr>`)
		.join('');
	const status = charge.refunded
		? 'Refunded'
		: charge.amount_refunded
			? 'Partially refunded'
			: charge.status === 'pending'
				? 'Pending'
				: 'Paid';
	const net = refunds
		? `<tr><th>Net</th><th>${money(charge.amount - charge.amount_refunded)}</th></tr>`
		: '';
	return layout(
		'Receipt',
		`<section><span class="badge">TEST MODE</span><h1>Receipt</h1>
<p>${escape(charge.description ?? '')}</p>
<div class="total" data-testid="amount">${money(charge.amount)}</div><p data-testid="status">${status}</p>
<table><tr><td>Date paid</td><td>${date(charge.created)}</td></tr>
<tr><td>Payment method</td><td>${escape(card?.brand ?? 'card')} •••• ${escape(card?.last4 ?? '')}</td></tr>
<tr><td>Amount paid</td><td>${money(charge.amount)}</td></tr>${refunds}${net}</table>
<p>${escape(charge.billing_details.email ?? '')}</p></section>`
	);
}
