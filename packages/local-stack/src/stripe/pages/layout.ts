import type { ServerResponse } from 'node:http';

export const escape = (text: string) =>
	text.replace(
		/[&<>"']/g,
		(c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!
	);

/** A date as the hosted pages show it, in UTC so the pages read the same on every machine. */
export const formatDate = (seconds: number) =>
	new Date(seconds * 1000).toLocaleDateString('en-US', {
		year: 'numeric',
		month: 'long',
		day: 'numeric',
		timeZone: 'UTC'
	});

const styles = `
*{box-sizing:border-box}body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;color:#1a1f36;background:#f6f8fa}
main{max-width:960px;margin:0 auto;padding:24px 16px;display:grid;gap:32px}
@media(min-width:768px){main.split{grid-template-columns:1fr 1fr;padding:64px 24px}}
a{color:#635bff}.back{text-decoration:none;font-size:14px}.badge{background:#ffde92;color:#663c00;font-size:12px;border-radius:4px;padding:2px 6px;margin-left:8px}
.item{display:flex;gap:16px;align-items:center;margin:16px 0}.item img{width:64px;height:64px;object-fit:cover;border-radius:6px;background:#e3e8ee}
.total{font-size:32px;font-weight:600;margin:8px 0}form,.card{background:#fff;border-radius:8px;padding:24px;box-shadow:0 2px 8px rgba(0,0,0,.08)}
label{display:block;font-size:14px;color:#3c4257;margin:12px 0 4px}input{width:100%;padding:12px;font-size:16px;border:1px solid #d5dbe1;border-radius:6px}
input[readonly]{background:#f6f8fa;color:#697386}.row{display:grid;grid-template-columns:1fr 1fr;gap:12px}
button{width:100%;margin-top:20px;padding:14px;font-size:16px;font-weight:600;color:#fff;background:#635bff;border:0;border-radius:6px;cursor:pointer}
button.secondary{background:#fff;color:#1a1f36;border:1px solid #d5dbe1}form.action{background:none;box-shadow:none;padding:0}
.error{color:#df1b41;background:#fff0f3;border-radius:6px;padding:10px 12px;margin-top:12px}.ok{color:#0e6245;background:#cbf4c9;border-radius:6px;padding:10px 12px}
.notice{text-align:center}.muted{color:#697386;font-size:14px}table{width:100%;border-collapse:collapse}td,th{text-align:left;padding:8px 4px;border-bottom:1px solid #e3e8ee;font-size:14px}
.status{font-size:12px;font-weight:600;border-radius:4px;padding:2px 6px;background:#e3e8ee}h1{font-size:24px;margin:0}h2{font-size:18px;margin:0 0 8px}`;

/** A hosted page: mobile first, no script, one column (two on wide screens when `split`). */
export function layout(title: string, body: string, split = false): string {
	return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escape(title)}</title><style>${styles}</style></head><body><main${split ? ' class="split"' : ''}>${body}</main></body></html>`;
}

export function html(res: ServerResponse, status: number, body: string) {
	res
		.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' })
		.end(body);
}

/** After a POST, back to the page with a GET (so a reload does not post again). */
export function seeOther(res: ServerResponse, location: string) {
	res.writeHead(303, { location }).end();
}

/** What a finished or unknown page's URL shows instead. */
export function noticePage(kind: 'expired' | 'complete' | 'missing'): string {
	const text = {
		expired: ['This checkout session has expired', 'Return to the store to start again.'],
		complete: ['This payment is complete', 'Thank you. You can close this page.'],
		missing: ['Something went wrong', 'The page you were looking for could not be found.']
	}[kind];
	return layout(text[0], `<div class="notice"><h1>${text[0]}</h1><p>${text[1]}</p></div>`);
}

/** Card number, expiry and CVC, named as the hosted pages read them. */
export function cardFields(prefix = ''): string {
	return `<label for="${prefix}cardnumber">Card number</label><input id="${prefix}cardnumber" name="cardnumber" inputmode="numeric" autocomplete="cc-number" placeholder="1234 1234 1234 1234" required>
<div class="row"><div><label for="${prefix}expiry">Expiry</label><input id="${prefix}expiry" name="expiry" inputmode="numeric" autocomplete="cc-exp" placeholder="MM / YY" required></div>
<div><label for="${prefix}cvc">CVC</label><input id="${prefix}cvc" name="cvc" inputmode="numeric" autocomplete="cc-csc" placeholder="CVC" required></div></div>`;
}

/** The card a form posted, as `checkCard` reads it. */
export const cardInput = (form: URLSearchParams) => ({
	number: form.get('cardnumber') ?? '',
	expiry: form.get('expiry') ?? '',
	cvc: form.get('cvc') ?? ''
});

export const errorBox = (error?: string) =>
	error ? `<div class="error" role="alert">${escape(error)}</div>` : '';
