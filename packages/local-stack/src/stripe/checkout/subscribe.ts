import type Stripe from 'stripe';
import { collectInvoice, invoiceSucceeded } from '../billing/collection.ts';
import { createCustomer, getCustomer } from '../billing/customers.ts';
import { createSubscriptionInvoice, finalizeInvoice } from '../billing/invoices.ts';
import { createSubscription } from '../billing/subscriptions.ts';
import type { Emulator } from '../emulator.ts';
import { currentPeriod } from '../objects/subscription.ts';
import { attachOutcome, type CheckedCard } from '../payments/cards.ts';
import { attachPaymentMethod, createCardPaymentMethod } from '../payments/payment-methods.ts';
import { timeOfCustomer } from '../time.ts';
import {
	completeSession,
	lineItemsOf,
	subscriptionDataOf,
	type PaymentResult
} from './sessions.ts';
import { awaitSettlement } from './settle.ts';

/**
 * `mode=subscription`: the card is saved to the customer (made now unless the session named
 * one), the subscription starts (`trialing`, or `incomplete` until its first invoice is paid),
 * and its first invoice is finalized and paid at once — for nothing during a trial. Events come
 * in the order Stripe creates the objects; Stripe does not promise to deliver them in order.
 */
export function subscribe(
	emu: Emulator,
	session: Stripe.Checkout.Session,
	payer: string,
	card: CheckedCard
): PaymentResult {
	const check = attachOutcome(card.digits);
	if (check.kind === 'declined') return { ok: false, message: check.message };
	const customer = session.customer
		? getCustomer(emu, session.customer as string)
		: createCustomer(emu, { email: payer });
	const now = timeOfCustomer(emu, customer.id);
	const method = attachPaymentMethod(
		emu,
		createCardPaymentMethod(emu, card, payer, now),
		customer.id
	);
	const data = subscriptionDataOf(emu, session.id);
	const subscription = createSubscription(emu, {
		customer,
		prices: lineItemsOf(emu, session.id).map((item) => ({
			price: item.price!,
			quantity: item.quantity ?? 1
		})),
		trialDays: data?.trial_period_days,
		metadata: data?.metadata,
		description: data?.description,
		paymentMethod: method.id
	});
	const invoice = createSubscriptionInvoice(emu, {
		customer,
		subscription,
		billingReason: 'subscription_create',
		period: currentPeriod(subscription),
		usagePeriod: { start: now, end: now },
		free: subscription.status === 'trialing'
	});
	finalizeInvoice(emu, invoice);
	session.customer = customer.id;
	session.subscription = subscription.id;
	session.invoice = invoice.id;
	if (invoice.amount_due === 0) {
		invoiceSucceeded(emu, invoice);
		completeSession(emu, session, payer, 'no_payment_required');
		emu.store.save();
		return { ok: true, session };
	}
	const collected = collectInvoice(emu, invoice, { onPage: true });
	if (collected.status === 'failed') {
		emu.store.save();
		return { ok: false, message: collected.message };
	}
	completeSession(emu, session, payer, collected.status === 'paid' ? 'paid' : 'unpaid');
	if (collected.status === 'pending')
		awaitSettlement(emu, session.id, collected.charge.id, collected.settles, invoice.id);
	emu.store.save();
	return { ok: true, session };
}
