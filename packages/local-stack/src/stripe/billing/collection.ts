import type Stripe from 'stripe';
import { emit, NO_REQUEST, type Emulator, type RequestInfo } from '../emulator.ts';
import { newInvoicePayment } from '../objects/invoice.ts';
import { outcomeOf, savedCardOutcome } from '../payments/cards.ts';
import { chargeIntent, createIntent, type ChargeResult } from '../payments/charges.ts';
import { cardUsed, digitsOf, getPaymentMethod } from '../payments/payment-methods.ts';
import { getCustomer, paymentMethodFor } from './customers.ts';
import { markInvoicePaid, paymentsOf, subscriptionOf, timeOfInvoice } from './invoices.ts';
import { nextAttemptAt } from './retry-schedule.ts';
import { transition } from './subscriptions.ts';

export type Collection =
	| { status: 'paid' }
	| { status: 'pending'; charge: Stripe.Charge; settles: 'succeeded' | 'failed' }
	| { status: 'failed'; message: string; code: string; declineCode?: string };

export interface CollectOptions {
	/** A card other than the default (the API's `pay`, a card typed in the portal). */
	paymentMethod?: string;
	/** The customer is on a hosted page: an async test card stays pending, as on Checkout. */
	onPage?: boolean;
	/** Billing's own attempt (finalization, a retry): a failure schedules the next retry. */
	automatic?: boolean;
	request?: RequestInfo;
}

const subscriptionFor = (emu: Emulator, invoice: Stripe.Invoice) => {
	const id = subscriptionOf(invoice);
	return id ? emu.store.get<Stripe.Subscription>('subscription', id) : undefined;
};

/** One PaymentIntent per invoice, reused by every attempt, recorded as the invoice's InvoicePayment. */
function paymentFor(emu: Emulator, invoice: Stripe.Invoice, paymentMethod: string) {
	const existing = paymentsOf(emu, invoice.id)[0];
	if (existing) {
		const intent = emu.store.get<Stripe.PaymentIntent>(
			'payment_intent',
			existing.payment.payment_intent as string
		)!;
		return { payment: existing, intent };
	}
	const intent = createIntent(emu, {
		amount: invoice.amount_due,
		currency: invoice.currency,
		customer: invoice.customer as string,
		payment_method: paymentMethod,
		description:
			invoice.billing_reason === 'subscription_create'
				? 'Subscription creation'
				: 'Subscription update',
		created: timeOfInvoice(emu, invoice)
	});
	const payment = emu.store.put(newInvoicePayment(invoice, intent, timeOfInvoice(emu, invoice)));
	return { payment, intent };
}

/** What follows a paid invoice: its events, then the subscription's (a past-due one is active again). */
export function invoiceSucceeded(
	emu: Emulator,
	invoice: Stripe.Invoice,
	request: RequestInfo = NO_REQUEST,
	outOfBand = false
) {
	markInvoicePaid(emu, invoice, paymentsOf(emu, invoice.id)[0] ?? null, request, outOfBand);
	const subscription = subscriptionFor(emu, invoice);
	if (subscription) transition(emu, subscription, 'invoice_paid', request);
}

/**
 * What follows a failed attempt: `invoice.payment_failed`, the next retry (for Billing's own
 * attempts at a renewal; the first invoice is not retried, it expires), and the subscription's
 * status: past due, then the account's choice once the last retry failed.
 */
export function invoiceFailed(
	emu: Emulator,
	invoice: Stripe.Invoice,
	automatic: boolean,
	request: RequestInfo = NO_REQUEST
) {
	const renewal = invoice.billing_reason !== 'subscription_create';
	if (automatic)
		invoice.next_payment_attempt = renewal
			? nextAttemptAt(
					invoice.status_transitions.finalized_at!,
					invoice.attempt_count,
					emu.billing.retryDays
				)
			: null;
	emit(emu, 'invoice.payment_failed', invoice, request);
	const subscription = subscriptionFor(emu, invoice);
	if (!subscription) return;
	transition(emu, subscription, 'payment_failed', request);
	if (automatic && renewal && invoice.next_payment_attempt === null)
		transition(emu, subscription, 'retries_exhausted', request, 'payment_failed');
}

/** One attempt to collect an open invoice with the customer's card (or the one given). */
export function collectInvoice(
	emu: Emulator,
	invoice: Stripe.Invoice,
	options: CollectOptions = {}
): Collection {
	const request = options.request ?? NO_REQUEST;
	const customer = getCustomer(emu, invoice.customer as string);
	const method =
		options.paymentMethod ?? paymentMethodFor(emu, customer, subscriptionFor(emu, invoice));
	invoice.attempt_count += 1;
	invoice.attempted = true;
	if (!method) {
		invoiceFailed(emu, invoice, options.automatic ?? false, request);
		return {
			status: 'failed',
			message: 'The customer has no payment method to charge.',
			code: 'payment_method_missing'
		};
	}
	const { intent } = paymentFor(emu, invoice, method);
	const digits = digitsOf(emu, method);
	const result: ChargeResult = chargeIntent(
		emu,
		intent,
		cardUsed(getPaymentMethod(emu, method), customer.email),
		method,
		options.onPage ? outcomeOf(digits) : savedCardOutcome(digits),
		timeOfInvoice(emu, invoice)
	);
	if (result.status === 'succeeded') {
		invoiceSucceeded(emu, invoice, request);
		return { status: 'paid' };
	}
	if (result.status === 'pending') return result;
	invoiceFailed(emu, invoice, options.automatic ?? false, request);
	return {
		status: 'failed',
		message: result.failure.message,
		code: result.failure.code,
		declineCode: result.failure.declineCode
	};
}
