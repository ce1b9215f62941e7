import { readFileSync } from 'node:fs';
import nodemailer from 'nodemailer';
import { parseTemplate, TemplateError, type Template } from './template.ts';
import type { AuthSettings } from './settings.ts';
import { callSendEmailHook, hookPayload } from './send-email-hook.ts';
import { goQueryEscape } from './tokens.ts';

/** The email kinds GoTrue sends, with its default subjects and (abridged) default bodies (section 3.1). */
const defaults: Record<string, { subject: string; body: string }> = {
	magic_link: {
		subject: 'Your sign-in link',
		body: '<h2>Your sign-in link</h2>\n\n<p>Follow this link to sign in:</p>\n<p><a href="{{ .ConfirmationURL }}">Sign in</a></p>\n'
	},
	confirmation: {
		subject: 'Confirm your email address',
		body: '<h2>Confirm your email address</h2>\n\n<p>Follow this link to confirm your email address:</p>\n<p><a href="{{ .ConfirmationURL }}">Confirm email address</a></p>\n'
	},
	recovery: {
		subject: 'Reset your password',
		body: '<h2>Reset your password</h2>\n\n<p>Follow this link to reset the password for your user:</p>\n<p><a href="{{ .ConfirmationURL }}">Reset password</a></p>\n'
	},
	invite: {
		subject: "You've been invited",
		body: '<h2>You have been invited</h2>\n\n<p>You have been invited to create a user on {{ .SiteURL }}. Follow this link to accept the invite:</p>\n<p><a href="{{ .ConfirmationURL }}">Accept the invite</a></p>\n'
	}
};

export type EmailKind = keyof typeof defaults;

/** The link type GoTrue puts in ConfirmationURL for each kind. */
export const linkType: Record<EmailKind, string> = {
	magic_link: 'magiclink',
	confirmation: 'signup',
	recovery: 'recovery',
	invite: 'invite'
};

export interface TemplateData {
	SiteURL: string;
	ConfirmationURL: string;
	Email: string;
	Token: string;
	TokenHash: string;
	Data: Record<string, unknown>;
	RedirectTo: string;
}

/** `<external url>/verify?token=…&type=…&redirect_to=…`, escaping redirect_to only when GoTrue does. */
export function confirmationUrl(
	settings: AuthSettings,
	tokenHash: string,
	type: string,
	redirectTo: string
): string {
	const redirect = /[&=#]/.test(redirectTo) ? goQueryEscape(redirectTo) : redirectTo;
	return new URL(
		`${settings.verifyUrl}?token=${goQueryEscape(tokenHash)}&type=${goQueryEscape(type)}&redirect_to=${redirect}`
	).href;
}

interface Loaded {
	subject: Template;
	body: Template;
}

/**
 * Templates from config.toml's `[auth.email.template.<kind>]`, reloaded on every send (the team
 * edits them while the stack runs). A template that cannot be read or parsed is reported and
 * GoTrue's default is used instead, as GoTrue does.
 */
export function loadTemplates(
	settings: AuthSettings,
	kind: EmailKind,
	warn: (m: string) => void
): Loaded {
	const configured = settings.templates[kind];
	const fallback = defaults[kind];
	let subject = parseTemplate(fallback.subject, `${kind} default subject`);
	let body = parseTemplate(fallback.body, `${kind} default body`);
	if (configured?.subject !== undefined) {
		try {
			subject = parseTemplate(configured.subject, `${kind} subject`);
		} catch (error) {
			warn(`auth: ${(error as Error).message}; using the default subject`);
		}
	}
	if (configured?.contentPath) {
		try {
			body = parseTemplate(readFileSync(configured.contentPath, 'utf8'), configured.contentPath);
		} catch (error) {
			const why =
				error instanceof TemplateError ? error.message : `cannot read ${configured.contentPath}`;
			warn(`auth: ${why}; using GoTrue's default ${kind} template`);
		}
	}
	return { subject, body };
}

export interface Mailer {
	/**
	 * Sends one email: to the Send Email Hook when one is configured (`user` as GET /user shows
	 * it, `ip` the requester's, both for the hook's payload), else by SMTP.
	 */
	send: (
		kind: EmailKind,
		to: string,
		data: TemplateData,
		user: Record<string, unknown>,
		ip: string
	) => Promise<void>;
}

export function createMailer(settings: AuthSettings, warn: (m: string) => void): Mailer {
	const transport = nodemailer.createTransport({
		host: settings.smtp.host,
		port: settings.smtp.port,
		secure: false,
		ignoreTLS: true
	});
	return {
		async send(kind, to, data, user, ip) {
			if (settings.sendEmailHook) {
				const emailData = {
					token: data.Token,
					token_hash: data.TokenHash,
					redirect_to: data.RedirectTo,
					email_action_type: linkType[kind],
					// GoTrue names the API's external URL here, not the site URL of the templates.
					site_url: settings.apiExternalUrl,
					token_new: '',
					token_hash_new: '',
					old_email: '',
					old_phone: '',
					provider: '',
					factor_type: ''
				};
				return callSendEmailHook(settings.sendEmailHook, hookPayload(user, emailData, ip));
			}
			const { subject, body } = loadTemplates(settings, kind, warn);
			// html/template escapes the subject too; a mail subject is plain text, so undo the entities.
			const subjectText = subject
				.render(data)
				.replace(
					/&(amp|lt|gt|#34|#39|#43);/g,
					(e) =>
						({ '&amp;': '&', '&lt;': '<', '&gt;': '>', '&#34;': '"', '&#39;': "'", '&#43;': '+' })[
							e
						]!
				);
			await transport.sendMail({
				from: { name: settings.smtp.senderName, address: settings.smtp.adminEmail },
				to,
				subject: subjectText,
				html: body.render(data),
				textEncoding: 'quoted-printable'
			});
		}
	};
}
