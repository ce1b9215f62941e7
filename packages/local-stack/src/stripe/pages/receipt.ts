import type Stripe from 'stripe';
import { formatAmount } from '../money.ts';
import { escape, formatDate, layout } from './layout.ts';

/**
 * A charge's receipt (`receipt_url`): amount, date, card, and its refunds, as Stripe's receipt
 * page shows them.
 */
export function receiptPage(charge: Stripe.Charge): string {
	const card = charge.payment_method_details?.card;
	const refunds = (charge.refunds?.data ?? [])
		.map(
			(r) =>
				`<tr data-testid="refund"><td>Refund · ${formatDate(r.created)}</td><td>−${formatAmount(r.amount, r.currency)}</td></tr>`
		)
		.join('');
	const net = charge.amount - charge.amount_refunded;
	const status = charge.refunded
		? 'Refunded'
		: charge.amount_refunded
			? 'Partially refunded'
			: charge.status === 'pending'
				? 'Pending'
				: 'Paid';
	const body = `<section class="card"><span class="badge">TEST MODE</span>
<h1>Receipt</h1><p class="muted">${escape(charge.description ?? '')}</p>
<div class="total" data-testid="amount">${formatAmount(charge.amount, charge.currency)}</div>
<p><span class="status" data-testid="status">${status}</span></p>
<table><tr><td>Date paid</td><td>${formatDate(charge.created)}</td></tr>
<tr><td>Payment method</td><td>${escape(card?.brand ?? 'card')} •••• ${escape(card?.last4 ?? '')}</td></tr>
<tr><td>Amount paid</td><td>${formatAmount(charge.amount, charge.currency)}</td></tr>${refunds}
${refunds ? `<tr><th>Net</th><th>${formatAmount(net, charge.currency)}</th></tr>` : ''}</table>
<p class="muted">${escape(charge.billing_details.email ?? '')}</p></section>`;
	return layout('Receipt', body);
}
