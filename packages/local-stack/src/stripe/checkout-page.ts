import type Stripe from 'stripe';

export const escape = (text: string) =>
	text.replace(
		/[&<>"']/g,
		(c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!
	);

/** Minor units shown in the session's currency, with that currency's own number of decimals. */
export function formatAmount(amount: number, currency: string, locale = 'en-US'): string {
	const format = new Intl.NumberFormat(locale, {
		style: 'currency',
		currency: currency.toUpperCase()
	});
	const decimals = format.resolvedOptions().maximumFractionDigits ?? 2;
	return format.format(amount / 10 ** decimals);
}

const styles = `
*{box-sizing:border-box}body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;color:#1a1f36;background:#f6f8fa}
main{max-width:960px;margin:0 auto;padding:24px 16px;display:grid;gap:32px}
@media(min-width:768px){main{grid-template-columns:1fr 1fr;padding:64px 24px}}
.back{color:#635bff;text-decoration:none;font-size:14px}.badge{background:#ffde92;color:#663c00;font-size:12px;border-radius:4px;padding:2px 6px;margin-left:8px}
.item{display:flex;gap:16px;align-items:center;margin:16px 0}.item img{width:64px;height:64px;object-fit:cover;border-radius:6px;background:#e3e8ee}
.total{font-size:32px;font-weight:600;margin:8px 0}form{background:#fff;border-radius:8px;padding:24px;box-shadow:0 2px 8px rgba(0,0,0,.08)}
label{display:block;font-size:14px;color:#3c4257;margin:12px 0 4px}input{width:100%;padding:12px;font-size:16px;border:1px solid #d5dbe1;border-radius:6px}
input[readonly]{background:#f6f8fa;color:#697386}.row{display:grid;grid-template-columns:1fr 1fr;gap:12px}
button{width:100%;margin-top:20px;padding:14px;font-size:16px;font-weight:600;color:#fff;background:#635bff;border:0;border-radius:6px;cursor:pointer}
.error{color:#df1b41;background:#fff0f3;border-radius:6px;padding:10px 12px;margin-top:12px}.notice{text-align:center;grid-column:1/-1}`;

export function layout(title: string, body: string): string {
	return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escape(title)}</title><style>${styles}</style></head><body><main>${body}</main></body></html>`;
}

function summary(
	session: Stripe.Checkout.Session,
	items: Stripe.LineItem[],
	products: Map<string, Stripe.Product>
) {
	const currency = session.currency ?? 'usd';
	const rows = items.map((item) => {
		const product = products.get(String(item.price?.product));
		const image = product?.images[0];
		return `<div class="item">${image ? `<img src="${escape(image)}" alt="">` : ''}<div><div>${escape(item.description ?? '')}</div>
<small>Qty ${item.quantity ?? 1} · ${formatAmount(item.amount_total, currency)}</small></div></div>`;
	});
	const back = session.cancel_url
		? `<a class="back" href="${escape(session.cancel_url)}">← Back</a>`
		: '';
	return `<section>${back}<span class="badge">TEST MODE</span><p>Pay</p>
<div class="total" data-testid="amount">${formatAmount(session.amount_total ?? 0, currency)}</div>${rows.join('')}</section>`;
}

export interface PageInput {
	session: Stripe.Checkout.Session;
	items: Stripe.LineItem[];
	products: Map<string, Stripe.Product>;
	error?: string;
	email?: string;
}

/** The payment form: email (read-only when the session fixed it), card number, expiry and CVC. */
export function paymentPage({ session, items, products, error, email }: PageInput): string {
	const fixed = session.customer_email;
	const emailValue = escape(fixed ?? email ?? '');
	const form = `<form method="post" action="/c/pay/${escape(session.id)}">
<label for="email">Email</label><input id="email" name="email" type="email" autocomplete="email" required value="${emailValue}"${fixed ? ' readonly' : ''}>
<label for="cardnumber">Card number</label><input id="cardnumber" name="cardnumber" inputmode="numeric" autocomplete="cc-number" placeholder="1234 1234 1234 1234" required>
<div class="row"><div><label for="expiry">Expiry</label><input id="expiry" name="expiry" inputmode="numeric" autocomplete="cc-exp" placeholder="MM / YY" required></div>
<div><label for="cvc">CVC</label><input id="cvc" name="cvc" inputmode="numeric" autocomplete="cc-csc" placeholder="CVC" required></div></div>
${error ? `<div class="error" role="alert">${escape(error)}</div>` : ''}
<button type="submit">Pay ${formatAmount(session.amount_total ?? 0, session.currency ?? 'usd')}</button></form>`;
	return layout('Checkout', summary(session, items, products) + form);
}

/** What a finished or unknown session's URL shows instead of the form. */
export function noticePage(kind: 'expired' | 'complete' | 'missing'): string {
	const text = {
		expired: ['This checkout session has expired', 'Return to the store to start again.'],
		complete: ['This payment is complete', 'Thank you. You can close this page.'],
		missing: ['Something went wrong', 'The page you were looking for could not be found.']
	}[kind];
	return layout(text[0], `<div class="notice"><h1>${text[0]}</h1><p>${text[1]}</p></div>`);
}
