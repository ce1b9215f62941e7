import type { ServerResponse } from 'node:http';
import type Stripe from 'stripe';
import { getCustomer } from '../billing/customers.ts';
import { invoiceOfHostedPage, paymentsOf } from '../billing/invoices.ts';
import {
	cancelFromPortal,
	payOnInvoicePage,
	renewFromPortal,
	switchFromPortal,
	updateCardFromPortal,
	type Portal,
	type PortalResult
} from '../billing/self-service.ts';
import { payCheckoutSession } from '../checkout/pay.ts';
import { getSession, lineItemsOf, subscriptionDataOf } from '../checkout/sessions.ts';
import type { Emulator } from '../emulator.ts';
import { chargeOfReceipt } from '../payments/receipts.ts';
import { portalSessionOf } from '../billing/portal-sessions.ts';
import { paymentPage } from './checkout.ts';
import { invoicePage } from './invoice.ts';
import { cardInput, html, noticePage, seeOther } from './layout.ts';
import { portalPage } from './portal.ts';
import { receiptPage } from './receipt.ts';

interface PageRequest {
	emu: Emulator;
	method: string;
	params: Record<string, string>;
	form: URLSearchParams;
	query: URLSearchParams;
	res: ServerResponse;
}

const missing = (res: ServerResponse) => html(res, 404, noticePage('missing'));

function renderCheckout(
	{ emu, res }: PageRequest,
	session: Stripe.Checkout.Session,
	status = 200,
	error?: string,
	email?: string
) {
	if (session.status === 'expired') return html(res, 410, noticePage('expired'));
	if (session.status === 'complete') return html(res, 200, noticePage('complete'));
	const items = lineItemsOf(emu, session.id);
	const products = new Map<string, Stripe.Product>();
	for (const item of items) {
		const id = String(item.price?.product);
		const product = emu.store.get<Stripe.Product>('product', id);
		if (product) products.set(id, product);
	}
	const fixedEmail =
		session.customer_email ??
		(session.customer ? getCustomer(emu, session.customer as string).email : null);
	const trialDays = subscriptionDataOf(emu, session.id)?.trial_period_days;
	html(res, status, paymentPage({ session, items, products, trialDays, fixedEmail, error, email }));
}

/** The hosted checkout page at `session.url` (`/c/pay/<id>`, the path Stripe uses). */
function checkout(req: PageRequest) {
	const { emu, method, params, form, res } = req;
	const session = emu.store.get('checkout.session', params.id) && getSession(emu, params.id);
	if (!session) return missing(res);
	if (method === 'GET') return renderCheckout(req, session);
	const email = form.get('email') ?? '';
	const result = payCheckoutSession(emu, session.id, email, cardInput(form));
	if (!result.ok) return renderCheckout(req, session, 402, result.message, email);
	if (!result.session.success_url) return html(res, 200, noticePage('complete'));
	// The success URL carries the real id where the template asks for it, as Stripe substitutes it.
	seeOther(res, result.session.success_url.replaceAll('{CHECKOUT_SESSION_ID}', result.session.id));
}

function portalOf(emu: Emulator, secret: string): Portal | undefined {
	const session = portalSessionOf(emu, secret);
	const configuration =
		session &&
		emu.store.get<Stripe.BillingPortal.Configuration>(
			'billing_portal.configuration',
			session.configuration as string
		);
	return session && configuration ? { session, configuration } : undefined;
}

/** The customer portal at `session.url` (`/p/session/<secret>`); each action is a form posting back. */
function portal({ emu, method, params, form, query, res }: PageRequest) {
	const found = portalOf(emu, params.secret);
	if (!found) return missing(res);
	const page = `/p/session/${params.secret}`;
	if (method === 'GET')
		return html(
			res,
			200,
			portalPage({
				emu,
				portal: found,
				secret: params.secret,
				done: query.get('done') ?? undefined
			})
		);
	const subscription = form.get('subscription') ?? '';
	const actions: Record<string, () => PortalResult> = {
		cancel: () => cancelFromPortal(emu, found, subscription),
		renew: () => renewFromPortal(emu, found, subscription),
		switch: () => switchFromPortal(emu, found, subscription, form.get('price') ?? ''),
		card: () => updateCardFromPortal(emu, found, cardInput(form))
	};
	const action = actions[params.action];
	if (!action) return missing(res);
	const result = action();
	emu.store.save();
	if (!result.ok)
		return html(
			res,
			400,
			portalPage({ emu, portal: found, secret: params.secret, error: result.message })
		);
	seeOther(res, `${page}?done=${result.done}`);
}

function receiptOfInvoice(emu: Emulator, invoice: Stripe.Invoice) {
	const intent = paymentsOf(emu, invoice.id)[0]?.payment.payment_intent as string | undefined;
	const charge =
		intent && emu.store.get<Stripe.PaymentIntent>('payment_intent', intent)?.latest_charge;
	return (charge && emu.store.get<Stripe.Charge>('charge', charge as string)?.receipt_url) || null;
}

/** The hosted invoice page (`hosted_invoice_url`, `/i/<token>`). */
function invoice({ emu, method, params, form, res }: PageRequest) {
	const found = invoiceOfHostedPage(emu, params.token);
	if (!found) return missing(res);
	if (method === 'GET')
		return html(res, 200, invoicePage(found, params.token, receiptOfInvoice(emu, found)));
	const result = payOnInvoicePage(emu, found, cardInput(form));
	emu.store.save();
	if (!result.ok) return html(res, 402, invoicePage(found, params.token, null, result.message));
	seeOther(res, `/i/${params.token}`);
}

/** A charge's receipt (`receipt_url`, `/receipts/payment/<token>`). */
function receipt({ emu, method, params, res }: PageRequest) {
	const charge = method === 'GET' ? chargeOfReceipt(emu, params.token) : undefined;
	if (!charge) return missing(res);
	html(res, 200, receiptPage(charge));
}

const pages: [RegExp, (req: PageRequest) => void][] = [
	[/^\/c\/pay\/(?<id>cs_[A-Za-z0-9_]+)$/, checkout],
	[/^\/p\/session\/(?<secret>[A-Za-z0-9]+)(?:\/(?<action>[a-z]+))?$/, portal],
	[/^\/i\/(?<token>[A-Za-z0-9]+)$/, invoice],
	[/^\/receipts\/payment\/(?<token>[A-Za-z0-9]+)$/, receipt]
];

/** Stripe's hosted pages: checkout, the customer portal, invoices and receipts. */
export function servePage(
	emu: Emulator,
	method: string,
	url: URL,
	body: string,
	res: ServerResponse
) {
	if (method !== 'GET' && method !== 'POST') return html(res, 405, noticePage('missing'));
	for (const [pattern, handle] of pages) {
		const match = pattern.exec(url.pathname);
		if (!match) continue;
		const params = Object.fromEntries(
			Object.entries(match.groups ?? {}).filter(([, v]) => v !== undefined)
		) as Record<string, string>;
		if (method === 'GET' && params.action) return missing(res);
		return handle({
			emu,
			method,
			params,
			form: new URLSearchParams(body),
			query: url.searchParams,
			res
		});
	}
	missing(res);
}
