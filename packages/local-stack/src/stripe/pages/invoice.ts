import type Stripe from 'stripe';
import { formatAmount } from '../money.ts';
import { cardFields, errorBox, escape, formatDate, layout } from './layout.ts';

const STATUS: Record<string, string> = {
	open: 'Due',
	paid: 'Paid',
	void: 'Void',
	uncollectible: 'Uncollectible'
};

/**
 * The hosted invoice page (`hosted_invoice_url`): what is billed, its status, the receipt once
 * paid, and a card form while it is open.
 */
export function invoicePage(
	invoice: Stripe.Invoice,
	token: string,
	receiptUrl: string | null,
	error?: string
): string {
	const lines = invoice.lines.data
		.map(
			(line) =>
				`<tr><td>${escape(line.description ?? '')}<br><span class="muted">${formatDate(line.period.start)} – ${formatDate(line.period.end)}</span></td><td>${formatAmount(line.amount, line.currency)}</td></tr>`
		)
		.join('');
	const paid = invoice.status_transitions.paid_at
		? `<p class="muted">Paid on ${formatDate(invoice.status_transitions.paid_at)}</p>`
		: '';
	const receipt = receiptUrl ? `<p><a href="${escape(receiptUrl)}">View receipt</a></p>` : '';
	const pay =
		invoice.status === 'open'
			? `<form method="post" action="/i/${escape(token)}">${cardFields()}${errorBox(error)}<button type="submit">Pay ${formatAmount(invoice.amount_remaining, invoice.currency)}</button></form>`
			: '';
	const body = `<section class="card"><span class="badge">TEST MODE</span>
<h1>Invoice ${escape(invoice.number ?? '')}</h1>
<p><span class="status" data-testid="invoice-status">${STATUS[invoice.status ?? ''] ?? invoice.status}</span></p>
<div class="total">${formatAmount(invoice.total, invoice.currency)}</div>
<p class="muted">${escape(invoice.customer_email ?? '')} · ${formatDate(invoice.created)}</p>${paid}
<table>${lines}<tr><th>Amount due</th><th>${formatAmount(invoice.amount_remaining, invoice.currency)}</th></tr></table>${receipt}</section>${pay}`;
	return layout(`Invoice ${invoice.number ?? ''}`, body);
}
