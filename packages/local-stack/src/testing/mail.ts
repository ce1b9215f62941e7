import { stackPaths } from '../config/paths.ts';
import { readPorts } from '../config/ports.ts';

/**
 * The mail catcher as tests read it. Our stack runs maildev on `[local_smtp] port`; `supabase start`
 * runs Mailpit on the same port. Both are spoken, chosen by which one answers, so the suites also
 * run against the Supabase CLI.
 */
export interface CaughtEmail {
	id: string;
	subject: string;
	html: string;
	text: string;
	from: EmailAddress[];
	to: EmailAddress[];
	date: string;
}

export interface EmailAddress {
	address: string;
	name: string;
}

interface Dialect {
	/** Every email held for an address (case-insensitive), oldest first. */
	emailsTo: (address: string) => Promise<CaughtEmail[]>;
	clear: () => Promise<void>;
}

const sentTo = (address: string, to: { address: string }[]) =>
	to.some((t) => t.address.toLowerCase() === address.toLowerCase());

async function json<T>(url: string, init?: RequestInit): Promise<T> {
	const response = await fetch(url, init);
	if (!response.ok) throw new Error(`mail catcher: ${url} answered ${response.status}`);
	return (await response.json()) as T;
}

interface MaildevEmail {
	id: string;
	subject: string;
	html?: string;
	text?: string;
	from: EmailAddress[];
	to: EmailAddress[];
	/** The Date header; `time` is when it arrived. */
	date?: string;
	time: string;
}

/** maildev: `GET /api/email` returns every email, whole, in arrival order. */
const maildev = (base: string): Dialect => ({
	emailsTo: async (address) =>
		(await json<MaildevEmail[]>(`${base}/api/email`))
			.filter((m) => sentTo(address, m.to))
			.map((m) => ({
				id: m.id,
				subject: m.subject,
				html: m.html ?? '',
				text: m.text ?? '',
				from: m.from,
				to: m.to,
				date: m.date ?? m.time
			})),
	clear: async () => void (await json(`${base}/api/email/all`, { method: 'DELETE' }))
});

/** Mailpit's `{ Name, Address }`, or null where a message has none. */
type MailpitAddress = { Name: string; Address: string } | null;
const addresses = (list: MailpitAddress[] | null) =>
	(list ?? []).flatMap((a) => (a ? [{ address: a.Address, name: a.Name }] : []));

interface MailpitMessage {
	ID: string;
	From: MailpitAddress;
	To: MailpitAddress[] | null;
	Subject: string;
	Date: string;
	Text: string;
	HTML: string;
}

const PAGE = 200;

/**
 * Mailpit: `GET /api/v1/messages` pages summaries, newest first; `GET /api/v1/message/{ID}` holds
 * the bodies, fetched for the address's messages only; `DELETE /api/v1/messages` empties the mailbox.
 */
const mailpit = (base: string): Dialect => ({
	async emailsTo(address) {
		const ids: string[] = [];
		for (let start = 0; ; start += PAGE) {
			const page = await json<{ messages: { ID: string; To: MailpitAddress[] | null }[] }>(
				`${base}/api/v1/messages?start=${start}&limit=${PAGE}`
			);
			ids.push(...page.messages.filter((m) => sentTo(address, addresses(m.To))).map((m) => m.ID));
			if (page.messages.length < PAGE) break;
		}
		const messages = await Promise.all(
			ids.reverse().map((id) => json<MailpitMessage>(`${base}/api/v1/message/${id}`))
		);
		return messages.map((m) => ({
			id: m.ID,
			subject: m.Subject,
			html: m.HTML,
			text: m.Text,
			from: addresses([m.From]),
			to: addresses(m.To),
			date: m.Date
		}));
	},
	clear: async () => void (await fetch(`${base}/api/v1/messages`, { method: 'DELETE' }))
});

/** Mailpit answers its list route; maildev does not have it. */
async function dialectOf(base: string): Promise<Dialect> {
	const probe = await fetch(`${base}/api/v1/messages?limit=1`).catch(() => undefined);
	await probe?.body?.cancel();
	return probe?.ok ? mailpit(base) : maildev(base);
}

/** The catcher at `base` (the stack's by default), whichever of the two it is. */
export function mailCatcher(base?: string) {
	let dialect: Promise<Dialect> | undefined;
	const speak = () =>
		(dialect ??= dialectOf(base ?? `http://127.0.0.1:${readPorts(stackPaths().supabase).mailWeb}`));

	/** Every email held for an address (case-insensitive), oldest first. */
	const emailsTo = async (address: string) => (await speak()).emailsTo(address);

	/** Waits until at least `count` emails reached the address, then returns them all. */
	async function waitForEmails(address: string, count = 1, timeoutMs = 15_000) {
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			const found = await emailsTo(address);
			if (found.length >= count) return found;
			if (Date.now() > deadline) {
				throw new Error(
					`expected ${count} email(s) to ${address} within ${timeoutMs} ms, got ${found.length}`
				);
			}
			await new Promise((r) => setTimeout(r, 100));
		}
	}

	return {
		emailsTo,
		waitForEmails,
		waitForEmail: async (address: string, timeoutMs?: number) =>
			(await waitForEmails(address, 1, timeoutMs))[0],
		/** Deletes every email the catcher holds. */
		clear: async () => (await speak()).clear()
	};
}

/** The stack's catcher, for tests that read mail sent by the store or the auth server. */
export const { emailsTo, waitForEmails, waitForEmail } = mailCatcher();

/** A fresh address per test, so tests never read each other's mail. */
export const uniqueEmail = (label = 'buyer') =>
	`${label}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}@example.test`;

/** The 6-digit (or configured length) code in an email body. */
export const codeIn = (html: string) => /\b(\d{6,10})\b/.exec(html.replace(/<[^>]+>/g, ' '))?.[1];

/** Every link of an email body, entities decoded. */
export const linksIn = (html: string) =>
	[...html.matchAll(/href="([^"]+)"/g)].map((m) => m[1].replaceAll('&amp;', '&'));
