import type Stripe from 'stripe';
import { emitChange, type Emulator } from '../emulator.ts';
import { checkCard, type CardInput } from '../payments/cards.ts';
import { attachPaymentMethod, createCardPaymentMethod } from '../payments/payment-methods.ts';
import { StripeApiError } from '../errors.ts';
import { timeOfCustomer } from '../time.ts';
import { switchablePrice, switchPrice } from './changes.ts';
import { collectInvoice } from './collection.ts';
import { getCustomer } from './customers.ts';
import { subscriptionOf } from './invoices.ts';
import {
	changeSubscription,
	liveSubscriptionsOf,
	setCancelAtPeriodEnd,
	timeOfSubscription,
	transition
} from './subscriptions.ts';

/**
 * What a customer does on Stripe's hosted pages: the portal's actions (as its configuration
 * allows) and paying an invoice on its page. Each has the events Stripe sends for it; a refusal
 * is a message for the page and changes nothing.
 */
export type PortalResult = { ok: true; done: string } | { ok: false; message: string };

export interface Portal {
	session: Stripe.BillingPortal.Session;
	configuration: Stripe.BillingPortal.Configuration;
}

const refused = (message: string): PortalResult => ({ ok: false, message });

/** The customer's own live subscription, or nothing: an id from elsewhere changes nothing. */
function ownSubscription(emu: Emulator, portal: Portal, id: string) {
	return liveSubscriptionsOf(emu, portal.session.customer).find((s) => s.id === id);
}

/** Other prices the portal offers for a subscription: the configuration's, else the product's own. */
export function switchOptions(
	emu: Emulator,
	portal: Portal,
	subscription: Stripe.Subscription
): Stripe.Price[] {
	const current = subscription.items.data[0].price;
	const listed = portal.configuration.features.subscription_update.products ?? [];
	const allowed = listed.find((p) => p.product === current.product)?.prices;
	return emu.store
		.all<Stripe.Price>('price')
		.filter(
			(p) =>
				p.id !== current.id &&
				p.active &&
				p.recurring &&
				p.currency === current.currency &&
				p.product === current.product &&
				(!listed.length || allowed?.includes(p.id))
		);
}

export function cancelFromPortal(emu: Emulator, portal: Portal, id: string): PortalResult {
	const feature = portal.configuration.features.subscription_cancel;
	const subscription = ownSubscription(emu, portal, id);
	if (!feature.enabled || !subscription)
		return refused('This subscription cannot be canceled here.');
	if (feature.mode === 'immediately') {
		transition(emu, subscription, 'canceled');
		return { ok: true, done: 'canceled' };
	}
	changeSubscription(emu, subscription, (s) =>
		setCancelAtPeriodEnd(s, true, timeOfSubscription(emu, s))
	);
	return { ok: true, done: 'canceled' };
}

/** "Renew subscription": undoes a cancellation at the period's end. */
export function renewFromPortal(emu: Emulator, portal: Portal, id: string): PortalResult {
	const subscription = ownSubscription(emu, portal, id);
	if (!subscription?.cancel_at_period_end) return refused('This subscription is not set to end.');
	changeSubscription(emu, subscription, (s) =>
		setCancelAtPeriodEnd(s, false, timeOfSubscription(emu, s))
	);
	return { ok: true, done: 'renewed' };
}

export function switchFromPortal(
	emu: Emulator,
	portal: Portal,
	id: string,
	priceId: string
): PortalResult {
	const subscription = ownSubscription(emu, portal, id);
	const feature = portal.configuration.features.subscription_update;
	if (!feature.enabled || !subscription || subscription.status === 'incomplete')
		return refused('This subscription cannot be changed here.');
	if (!switchOptions(emu, portal, subscription).some((p) => p.id === priceId))
		return refused('That plan is not offered for this subscription.');
	const price = switchablePrice(emu, subscription, priceId, 'price');
	switchPrice(emu, subscription, subscription.items.data[0], price, undefined);
	return { ok: true, done: 'switched' };
}

/**
 * A new card becomes the default of the customer and of its subscriptions (which Billing charges
 * first), and pays what is overdue: an open invoice of a past-due or unpaid subscription.
 */
export function updateCardFromPortal(
	emu: Emulator,
	portal: Portal,
	input: CardInput
): PortalResult {
	if (!portal.configuration.features.payment_method_update.enabled)
		return refused('Payment methods cannot be updated here.');
	const card = checkCard(input);
	if ('error' in card) return refused(card.error);
	const customer = getCustomer(emu, portal.session.customer);
	const created = timeOfCustomer(emu, customer.id);
	const method = createCardPaymentMethod(emu, card, customer.email, created);
	try {
		attachPaymentMethod(emu, method, customer.id);
	} catch (error) {
		if (error instanceof StripeApiError) return refused(error.message);
		throw error;
	}
	const before = structuredClone(customer);
	customer.invoice_settings.default_payment_method = method.id;
	emitChange(emu, 'customer.updated', before, customer);
	const subscriptions = liveSubscriptionsOf(emu, customer.id);
	for (const subscription of subscriptions)
		changeSubscription(emu, subscription, (s) => {
			s.default_payment_method = method.id;
		});
	const overdue = emu.store.all<Stripe.Invoice>('invoice').filter((invoice) => {
		const owner = subscriptions.find((s) => s.id === subscriptionOf(invoice));
		return invoice.status === 'open' && owner && ['past_due', 'unpaid'].includes(owner.status);
	});
	for (const invoice of overdue) {
		const result = collectInvoice(emu, invoice, { paymentMethod: method.id });
		if (result.status === 'failed') return refused(result.message);
	}
	return { ok: true, done: overdue.length ? 'paid' : 'card' };
}

/** "Pay" on the hosted invoice page: the typed card is charged at once (it is not saved). */
export function payOnInvoicePage(
	emu: Emulator,
	invoice: Stripe.Invoice,
	input: CardInput
): PortalResult {
	if (invoice.status !== 'open') return refused('This invoice cannot be paid.');
	const card = checkCard(input);
	if ('error' in card) return refused(card.error);
	const customer = getCustomer(emu, invoice.customer as string);
	const method = createCardPaymentMethod(
		emu,
		card,
		customer.email,
		timeOfCustomer(emu, customer.id)
	);
	const result = collectInvoice(emu, invoice, { paymentMethod: method.id });
	return result.status === 'failed' ? refused(result.message) : { ok: true, done: 'paid' };
}
