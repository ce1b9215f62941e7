import type Stripe from 'stripe';
import { formatAmount } from '../money.ts';
import { cardFields, errorBox, escape, layout } from './layout.ts';

/** "$9.00 per month", "$90.00 every 2 years". */
export function perInterval(price: Stripe.Price, amount = price.unit_amount ?? 0) {
	const recurring = price.recurring!;
	const money = formatAmount(amount, price.currency);
	return recurring.interval_count === 1
		? `${money} per ${recurring.interval}`
		: `${money} every ${recurring.interval_count} ${recurring.interval}s`;
}

export interface PageInput {
	session: Stripe.Checkout.Session;
	items: Stripe.LineItem[];
	products: Map<string, Stripe.Product>;
	trialDays?: number;
	/** The email the session fixed (its `customer_email`, or its customer's). */
	fixedEmail: string | null;
	error?: string;
	email?: string;
}

function summary({ session, items, products, trialDays }: PageInput) {
	const currency = session.currency ?? 'usd';
	const rows = items.map((item) => {
		const product = products.get(String(item.price?.product));
		const image = product?.images[0];
		const price = item.price!;
		const each = price.recurring
			? perInterval(price, item.amount_total)
			: formatAmount(item.amount_total, currency);
		return `<div class="item">${image ? `<img src="${escape(image)}" alt="">` : ''}<div><div>${escape(item.description ?? '')}</div>
<small>Qty ${item.quantity ?? 1} · ${escape(each)}</small></div></div>`;
	});
	const back = session.cancel_url
		? `<a class="back" href="${escape(session.cancel_url)}">← Back</a>`
		: '';
	const first = items[0]?.price;
	const headline =
		session.mode !== 'subscription'
			? `<p>Pay</p><div class="total" data-testid="amount">${formatAmount(session.amount_total ?? 0, currency)}</div>`
			: trialDays
				? `<p>Try ${escape(items[0]?.description ?? '')}</p><div class="total" data-testid="amount">${trialDays} days free</div>
<p class="muted">Then ${escape(perInterval(first!, items[0].amount_total))}</p>`
				: `<p>Subscribe to ${escape(items[0]?.description ?? '')}</p><div class="total" data-testid="amount">${escape(perInterval(first!, items[0].amount_total))}</div>`;
	return `<section>${back}<span class="badge">TEST MODE</span>${headline}${rows.join('')}</section>`;
}

/** What the button says: Stripe's "Pay $X", "Subscribe" or "Start trial". */
function buttonLabel(input: PageInput) {
	if (input.session.mode === 'subscription') return input.trialDays ? 'Start trial' : 'Subscribe';
	return `Pay ${formatAmount(input.session.amount_total ?? 0, input.session.currency ?? 'usd')}`;
}

/** The payment form: email (read-only when the session fixed it), card number, expiry and CVC. */
export function paymentPage(input: PageInput): string {
	const { session, fixedEmail, error, email } = input;
	const emailValue = escape(fixedEmail ?? email ?? '');
	const form = `<form method="post" action="/c/pay/${escape(session.id)}">
<label for="email">Email</label><input id="email" name="email" type="email" autocomplete="email" required value="${emailValue}"${fixedEmail ? ' readonly' : ''}>
${cardFields()}
${errorBox(error)}
<button type="submit">${buttonLabel(input)}</button></form>`;
	return layout('Checkout', summary(input) + form, true);
}
