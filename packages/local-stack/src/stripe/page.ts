import type { ServerResponse } from 'node:http';
import type Stripe from 'stripe';
import { noticePage, paymentPage } from './checkout-page.ts';
import { getSession, lineItemsOf } from './checkout-sessions.ts';
import type { Emulator } from './emulator.ts';
import { StripeApiError } from './errors.ts';
import { payCheckoutSession } from './payments.ts';
import { chargeOfReceipt, receiptPage } from './receipts.ts';

function html(res: ServerResponse, status: number, body: string) {
	res
		.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' })
		.end(body);
}

function render(
	emu: Emulator,
	res: ServerResponse,
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
	html(res, status, paymentPage({ session, items, products, error, email }));
}

/**
 * The hosted pages: checkout at `session.url` (`/c/pay/<id>`, the path Stripe uses) and the
 * receipts of charges (`receipt_url`, `/receipts/payment/<token>`).
 */
export function servePage(
	emu: Emulator,
	method: string,
	pathname: string,
	body: string,
	res: ServerResponse
) {
	const receipt = /^\/receipts\/payment\/([A-Za-z0-9]+)$/.exec(pathname)?.[1];
	if (receipt) {
		const charge = method === 'GET' ? chargeOfReceipt(emu, receipt) : undefined;
		return charge ? html(res, 200, receiptPage(charge)) : html(res, 404, noticePage('missing'));
	}
	const id = /^\/c\/pay\/(cs_[A-Za-z0-9_]+)$/.exec(pathname)?.[1];
	let session: Stripe.Checkout.Session;
	try {
		if (!id) throw new Error('not a checkout page');
		session = getSession(emu, id);
	} catch (error) {
		if (error instanceof StripeApiError || (error as Error).message === 'not a checkout page')
			return html(res, 404, noticePage('missing'));
		throw error;
	}
	if (method === 'GET') return render(emu, res, session);
	if (method !== 'POST') return html(res, 405, noticePage('missing'));
	const form = new URLSearchParams(body);
	const email = form.get('email') ?? '';
	const result = payCheckoutSession(emu, session.id, email, {
		number: form.get('cardnumber') ?? '',
		expiry: form.get('expiry') ?? '',
		cvc: form.get('cvc') ?? ''
	});
	if (!result.ok) return render(emu, res, session, 402, result.message, email);
	if (!result.session.success_url) return html(res, 200, noticePage('complete'));
	// The success URL carries the real id where the template asks for it, as Stripe substitutes it.
	const location = result.session.success_url.replaceAll(
		'{CHECKOUT_SESSION_ID}',
		result.session.id
	);
	res.writeHead(303, { location }).end();
}
