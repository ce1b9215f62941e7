import { describe, expect, it } from 'vitest';
import {
	isLive,
	nextStatus,
	transitionTable
} from '../../../../src/stripe/billing/subscription-status.ts';

describe('the subscription state machine', () => {
	it('is this table (event × status → status; null where the event cannot happen)', () => {
		const table = Object.fromEntries(transitionTable().map((row) => [row.status, row.next]));
		expect(table).toEqual({
			incomplete: {
				invoice_paid: 'active',
				payment_failed: 'incomplete',
				first_invoice_expired: 'incomplete_expired',
				trial_ended: null,
				retries_exhausted: null,
				canceled: 'canceled'
			},
			trialing: {
				invoice_paid: null,
				payment_failed: null,
				first_invoice_expired: null,
				trial_ended: 'active',
				retries_exhausted: null,
				canceled: 'canceled'
			},
			active: {
				invoice_paid: 'active',
				payment_failed: 'past_due',
				first_invoice_expired: null,
				trial_ended: null,
				retries_exhausted: null,
				canceled: 'canceled'
			},
			past_due: {
				invoice_paid: 'active',
				payment_failed: 'past_due',
				first_invoice_expired: null,
				trial_ended: null,
				retries_exhausted: 'canceled',
				canceled: 'canceled'
			},
			unpaid: {
				invoice_paid: 'active',
				payment_failed: 'unpaid',
				first_invoice_expired: null,
				trial_ended: null,
				retries_exhausted: null,
				canceled: 'canceled'
			},
			canceled: {
				invoice_paid: null,
				payment_failed: null,
				first_invoice_expired: null,
				trial_ended: null,
				retries_exhausted: null,
				canceled: null
			},
			incomplete_expired: {
				invoice_paid: null,
				payment_failed: null,
				first_invoice_expired: null,
				trial_ended: null,
				retries_exhausted: null,
				canceled: null
			}
		});
	});

	it('follows the account setting once every retry failed: cancel (Stripe default), unpaid, or leave past due', () => {
		expect(nextStatus('past_due', 'retries_exhausted')).toBe('canceled');
		expect(nextStatus('past_due', 'retries_exhausted', 'unpaid')).toBe('unpaid');
		expect(nextStatus('past_due', 'retries_exhausted', 'past_due')).toBe('past_due');
	});

	it('counts a subscription live until it is canceled or its first invoice expired', () => {
		expect(['incomplete', 'trialing', 'active', 'past_due', 'unpaid'].every(isLive)).toBe(true);
		expect(isLive('canceled') || isLive('incomplete_expired')).toBe(false);
	});
});
