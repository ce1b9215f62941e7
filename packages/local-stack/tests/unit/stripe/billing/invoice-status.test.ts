import { describe, expect, it } from 'vitest';
import {
	nextInvoiceStatus,
	requireInvoiceStatus
} from '../../../../src/stripe/billing/invoice-status.ts';

describe('the invoice state machine', () => {
	it('goes draft → open → paid, void or uncollectible; an uncollectible invoice can still be paid or voided', () => {
		expect(nextInvoiceStatus('draft', 'finalize')).toBe('open');
		expect(nextInvoiceStatus('open', 'pay')).toBe('paid');
		expect(nextInvoiceStatus('open', 'void')).toBe('void');
		expect(nextInvoiceStatus('open', 'mark_uncollectible')).toBe('uncollectible');
		expect(nextInvoiceStatus('uncollectible', 'pay')).toBe('paid');
		expect(nextInvoiceStatus('uncollectible', 'void')).toBe('void');
	});

	it('refuses everything else, in Stripe words for paying twice', () => {
		for (const status of ['paid', 'void'])
			for (const action of ['finalize', 'pay', 'void', 'mark_uncollectible'] as const)
				expect(nextInvoiceStatus(status, action)).toBeNull();
		expect(nextInvoiceStatus('draft', 'pay')).toBeNull();
		expect(() => requireInvoiceStatus('in_1', 'paid', 'pay')).toThrow('Invoice is already paid');
		expect(() => requireInvoiceStatus('in_1', 'void', 'void')).toThrow(/in_1 is void/);
	});
});
