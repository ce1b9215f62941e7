import type Stripe from 'stripe';
import { switchOptions, type Portal } from '../billing/self-service.ts';
import { liveSubscriptionsOf } from '../billing/subscriptions.ts';
import type { Emulator } from '../emulator.ts';
import { formatAmount } from '../money.ts';
import { perInterval } from './checkout.ts';
import { cardFields, errorBox, escape, formatDate, layout } from './layout.ts';

const STATUS: Record<string, string> = {
	trialing: 'Trial',
	active: 'Active',
	past_due: 'Past due',
	unpaid: 'Unpaid',
	incomplete: 'Incomplete'
};

const DONE: Record<string, string> = {
	canceled: 'Your subscription has been canceled.',
	renewed: 'Your subscription has been renewed.',
	switched: 'Your plan has been updated.',
	card: 'Your payment method has been updated.',
	paid: 'Your payment method has been updated and your invoice is paid.'
};

function when(subscription: Stripe.Subscription) {
	const end = subscription.items.data[0].current_period_end;
	if (subscription.cancel_at) return `Cancels on ${formatDate(subscription.cancel_at)}`;
	if (subscription.status === 'trialing') return `Trial ends on ${formatDate(end)}`;
	return `Renews on ${formatDate(end)}`;
}

function subscriptionCard(emu: Emulator, portal: Portal, secret: string, s: Stripe.Subscription) {
	const price = s.items.data[0].price;
	const product = emu.store.get<Stripe.Product>('product', price.product as string);
	const action = (name: string, label: string, extra = '', secondary = false) =>
		`<form class="action" method="post" action="/p/session/${escape(secret)}/${name}"><input type="hidden" name="subscription" value="${escape(s.id)}">${extra}<button type="submit"${secondary ? ' class="secondary"' : ''}>${escape(label)}</button></form>`;
	const features = portal.configuration.features;
	const forms: string[] = [];
	if (s.cancel_at_period_end) forms.push(action('renew', 'Renew subscription'));
	else if (features.subscription_cancel.enabled)
		forms.push(action('cancel', 'Cancel subscription', '', true));
	if (features.subscription_update.enabled && s.status !== 'incomplete')
		for (const other of switchOptions(emu, portal, s))
			forms.push(
				action(
					'switch',
					`Switch to ${perInterval(other)}`,
					`<input type="hidden" name="price" value="${escape(other.id)}">`,
					true
				)
			);
	return `<section class="card" data-testid="subscription"><h2>${escape(product?.name ?? 'Subscription')}</h2>
<p>${escape(perInterval(price))} <span class="status">${STATUS[s.status] ?? s.status}</span></p>
<p class="muted">${when(s)}</p>${forms.join('')}</section>`;
}

function invoiceHistory(emu: Emulator, customer: string) {
	const rows = emu.store
		.all<Stripe.Invoice>('invoice')
		.filter((i) => i.customer === customer && i.status !== 'draft')
		.map(
			(i) =>
				`<tr><td>${formatDate(i.created)}</td><td>${formatAmount(i.total, i.currency)}</td><td>${escape(i.status ?? '')}</td><td>${i.hosted_invoice_url ? `<a href="${escape(i.hosted_invoice_url)}">View</a>` : ''}</td></tr>`
		);
	return `<section class="card"><h2>Invoice history</h2>${rows.length ? `<table>${rows.join('')}</table>` : '<p class="muted">No invoices yet.</p>'}</section>`;
}

export interface PortalPageInput {
	emu: Emulator;
	portal: Portal;
	secret: string;
	done?: string;
	error?: string;
}

/** The customer portal: subscriptions and their actions, the card, invoices, the way back. */
export function portalPage({ emu, portal, secret, done, error }: PortalPageInput): string {
	const { session, configuration } = portal;
	const customer = emu.store.get<Stripe.Customer>('customer', session.customer)!;
	const subscriptions = liveSubscriptionsOf(emu, customer.id);
	// The card Billing charges: the customer's default, else the one Checkout saved on a subscription.
	const methodId =
		customer.invoice_settings.default_payment_method ?? subscriptions[0]?.default_payment_method;
	const method = methodId
		? emu.store.get<Stripe.PaymentMethod>('payment_method', methodId as string)
		: undefined;
	const overdue = subscriptions.some((s) => ['past_due', 'unpaid'].includes(s.status));
	const back = session.return_url
		? `<a class="back" href="${escape(session.return_url)}">← Return to the store</a>`
		: '';
	const cardSection = configuration.features.payment_method_update.enabled
		? `<section><h2>Payment method</h2>${method?.card ? `<p>${escape(method.card.brand)} •••• ${escape(method.card.last4)}</p>` : ''}
${overdue ? '<p class="error">Your last payment failed. Update your card to pay what is due.</p>' : ''}
<form method="post" action="/p/session/${escape(secret)}/card">${cardFields()}<button type="submit">Update card</button></form></section>`
		: '';
	const body = `<header>${back}<span class="badge">TEST MODE</span><h1>Billing</h1><p class="muted">${escape(customer.email ?? '')}</p></header>
${done && DONE[done] ? `<div class="ok" role="status">${DONE[done]}</div>` : ''}${errorBox(error)}
${subscriptions.map((s) => subscriptionCard(emu, portal, secret, s)).join('') || '<p>You have no active subscription.</p>'}
${cardSection}
${configuration.features.invoice_history.enabled ? invoiceHistory(emu, customer.id) : ''}`;
	return layout('Billing', body);
}
