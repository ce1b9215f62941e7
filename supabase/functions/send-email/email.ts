// The store's emails, composed from Supabase Auth's Send Email Hook payload (pure; unit-tested in
// tests/unit/send-email.test.ts). One email carries both ways in: a link to the store's confirm
// page and the code for the installed app. What it says comes from the store's own database (the
// purchase named by the redirect), never from user-editable metadata.
import { z } from 'zod';

export const hookPayload = z.object({
	user: z.looseObject({ id: z.uuid(), email: z.string().min(3).max(320) }),
	email_data: z.looseObject({
		token: z.string().max(20),
		token_hash: z.string().max(200),
		redirect_to: z.string().max(2000),
		email_action_type: z.string().max(40),
		site_url: z.string().max(2000)
	})
});
export type HookPayload = z.infer<typeof hookPayload>;

/** What the email is about, when the store asked for it on behalf of a purchase or a claim. */
export interface PurchaseNamed {
	title: string;
	claim: boolean;
}

export interface Email {
	to: string;
	subject: string;
	html: string;
	text: string;
}

/** The purchase a redirect names (`?purchase=<id>`), as the store sets it for purchase emails. */
export function purchaseIdIn(redirectTo: string): string | undefined {
	try {
		const id = new URL(redirectTo).searchParams.get('purchase') ?? '';
		return /^[0-9a-f-]{36}$/i.test(id) ? id : undefined;
	} catch {
		return undefined;
	}
}

/** The link into the store's confirm page: where the store asked to land, plus the token. */
export function confirmLink({
	redirect_to,
	site_url,
	token_hash,
	email_action_type
}: HookPayload['email_data']) {
	let url: URL;
	try {
		url = new URL(redirect_to || `${site_url}/auth/confirm`);
	} catch {
		url = new URL('/auth/confirm', site_url);
	}
	url.searchParams.delete('purchase');
	url.searchParams.set('token_hash', token_hash);
	url.searchParams.set('type', email_action_type);
	return url.href;
}

const entities: Record<string, string> = {
	'&': '&amp;',
	'<': '&lt;',
	'>': '&gt;',
	'"': '&quot;',
	"'": '&#39;'
};
const escape = (text: string) => text.replace(/[&<>"']/g, (c) => entities[c]);

export function composeEmail(
	{ user, email_data }: HookPayload,
	purchase: PurchaseNamed | undefined,
	storeName: string
): Email {
	const link = confirmLink(email_data);
	const code = email_data.token;
	const [subject, headline, lead] = purchase
		? purchase.claim
			? [
					`Your free copy: ${purchase.title}`,
					`${purchase.title} is yours`,
					'It is in your library now. Use the button or the code below to log in and read it on any device, also offline.'
				]
			: [
					`Your purchase: ${purchase.title}`,
					`Thank you for buying ${purchase.title}`,
					'It is in your library now. Use the button or the code below to log in and read it on any device, also offline.'
				]
		: [
				`Your ${storeName} login link and code`,
				'Log in to your library',
				'Use the button or the code below to log in on this device.'
			];
	const footer =
		'The link and the code work once and expire in one hour. If you did not ask for this email, you can ignore it: nobody can log in without it.';
	const html = `<!doctype html>
<html lang="en">
<body style="margin:0;padding:24px;background:#f6f3ee;font-family:-apple-system,BlinkMacSystemFont,'Segoe UI',Roboto,sans-serif;color:#1d2330;">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0"><tr><td align="center">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="max-width:480px;background:#ffffff;border-radius:12px;padding:32px;"><tr><td>
<p style="margin:0 0 24px;font-size:14px;letter-spacing:0.08em;text-transform:uppercase;color:#5b6472;">${escape(storeName)}</p>
<h1 style="margin:0 0 16px;font-size:22px;line-height:1.3;">${escape(headline)}</h1>
<p style="margin:0 0 24px;font-size:16px;line-height:1.5;">${escape(lead)}</p>
<p style="margin:0 0 24px;"><a href="${escape(link)}" style="display:inline-block;background:#2f5d8a;color:#ffffff;text-decoration:none;padding:12px 24px;border-radius:999px;font-weight:600;">Log in</a></p>
<p style="margin:0 0 8px;font-size:16px;line-height:1.5;">In the installed app, type this code instead:</p>
<p style="margin:0 0 24px;font-size:30px;font-weight:700;letter-spacing:0.2em;font-family:ui-monospace,Menlo,monospace;">${escape(code)}</p>
<p style="margin:0;font-size:13px;line-height:1.5;color:#5b6472;">${escape(footer)}</p>
</td></tr></table>
</td></tr></table>
</body>
</html>`;
	const text = `${headline}\n\n${lead}\n\nLog in: ${link}\n\nOr type this code in the app: ${code}\n\n${footer}\n`;
	return { to: user.email, subject, html, text };
}
