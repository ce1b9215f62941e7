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

/** What an email is about, from the store's database (never from user-editable metadata). */
export type Occasion =
	| { kind: 'login' }
	| { kind: 'purchase'; title: string; claim: boolean }
	| { kind: 'membership'; plan: string }
	| { kind: 'payment_failed'; plan: string }
	| { kind: 'trial_ending'; plan: string; on: Date | null }
	| { kind: 'membership_ended'; plan: string };

export interface Email {
	to: string;
	subject: string;
	html: string;
	text: string;
}

const notices = ['payment_failed', 'trial_ending', 'membership_ended'] as const;
export type Notice = (typeof notices)[number];

/** What a redirect says the email is for: a purchase, or a membership (with a notice). */
export type About =
	{ purchase: string } | { membership: string; notice?: Notice } | Record<string, never>;

export function aboutIn(redirectTo: string): About {
	let params: URLSearchParams;
	try {
		params = new URL(redirectTo).searchParams;
	} catch {
		return {};
	}
	const purchase = params.get('purchase') ?? '';
	if (/^[0-9a-f-]{36}$/i.test(purchase)) return { purchase };
	const membership = params.get('membership') ?? '';
	if (!/^sub_[A-Za-z0-9]{1,250}$/.test(membership)) return {};
	const notice = notices.find((n) => n === params.get('notice'));
	return notice ? { membership, notice } : { membership };
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
	for (const name of ['purchase', 'membership', 'notice']) url.searchParams.delete(name);
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

const when = (date: Date | null) =>
	date
		? new Intl.DateTimeFormat('en', { dateStyle: 'long', timeZone: 'UTC' }).format(date)
		: 'soon';

/** Subject, headline and first paragraph for each occasion. */
function wording(occasion: Occasion, storeName: string): [string, string, string] {
	const read =
		'Use the button or the code below to log in and read it on any device, also offline.';
	switch (occasion.kind) {
		case 'purchase':
			return occasion.claim
				? [
						`Your free copy: ${occasion.title}`,
						`${occasion.title} is yours`,
						`It is in your library now. ${read}`
					]
				: [
						`Your purchase: ${occasion.title}`,
						`Thank you for buying ${occasion.title}`,
						`It is in your library now. ${read}`
					];
		case 'membership':
			return [
				`Welcome to ${occasion.plan}`,
				`Everything in ${storeName} is yours to read`,
				`Your ${occasion.plan} membership opens the whole catalogue. ${read}`
			];
		case 'payment_failed':
			return [
				`Your payment for ${occasion.plan} did not go through`,
				'Update your card to keep reading',
				'Your membership stays open for a few days. Log in with the button or the code below, then choose “Manage membership” to update your card.'
			];
		case 'trial_ending':
			return [
				`Your ${occasion.plan} trial ends on ${when(occasion.on)}`,
				`Your trial ends on ${when(occasion.on)}`,
				'After that your membership continues and your card is charged. To change or cancel it, log in with the button or the code below, then choose “Manage membership”.'
			];
		case 'membership_ended':
			return [
				`Your ${occasion.plan} membership has ended`,
				'Your membership has ended',
				'What you bought outright stays yours to read. You can start a new membership any time.'
			];
		default:
			return [
				`Your ${storeName} login link and code`,
				'Log in to your library',
				'Use the button or the code below to log in on this device.'
			];
	}
}

export function composeEmail(
	{ user, email_data }: HookPayload,
	occasion: Occasion,
	storeName: string
): Email {
	const link = confirmLink(email_data);
	const code = email_data.token;
	const [subject, headline, lead] = wording(occasion, storeName);
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
