import { invalidRequest } from '../errors.ts';

/**
 * An invoice's life: `draft` → `open` (finalized) → `paid`, `void` or `uncollectible`; an
 * uncollectible invoice can still be paid or voided. Pure, so the routes and the clock share it.
 */
export type InvoiceStatus = 'draft' | 'open' | 'paid' | 'uncollectible' | 'void';
export type InvoiceAction = 'finalize' | 'pay' | 'void' | 'mark_uncollectible';

const allowed: Record<InvoiceAction, InvoiceStatus[]> = {
	finalize: ['draft'],
	pay: ['open', 'uncollectible'],
	void: ['open', 'uncollectible'],
	mark_uncollectible: ['open']
};

const result: Record<InvoiceAction, InvoiceStatus> = {
	finalize: 'open',
	pay: 'paid',
	void: 'void',
	mark_uncollectible: 'uncollectible'
};

export function nextInvoiceStatus(status: string, action: InvoiceAction): InvoiceStatus | null {
	return allowed[action].includes(status as InvoiceStatus) ? result[action] : null;
}

/** The same rule as an API error, in Stripe's words where known. */
export function requireInvoiceStatus(id: string, status: string, action: InvoiceAction) {
	const next = nextInvoiceStatus(status, action);
	if (next) return next;
	if (action === 'pay' && status === 'paid') throw invalidRequest('Invoice is already paid');
	throw invalidRequest(
		`You can only ${action.replace('_', ' ')} an invoice whose status is ${allowed[action].join(' or ')}. The invoice ${id} is ${status}.`
	);
}
