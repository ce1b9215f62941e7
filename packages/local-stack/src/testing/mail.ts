import { stackPaths } from '../config/paths.ts';
import { readPorts } from '../config/ports.ts';

/** One message as the mail catcher's API (maildev) returns it, reduced to what tests read. */
export interface CaughtEmail {
	id: string;
	subject: string;
	html: string;
	text?: string;
	from: { address: string; name: string }[];
	to: { address: string; name: string }[];
	headers: Record<string, string>;
	date: string;
}

const api = () => `http://127.0.0.1:${readPorts(stackPaths().supabase).mailWeb}/api`;

/** Every email the catcher holds for an address (case-insensitive), oldest first. */
export async function emailsTo(address: string): Promise<CaughtEmail[]> {
	const response = await fetch(`${api()}/email`);
	if (!response.ok) throw new Error(`mail catcher answered ${response.status}`);
	const all = (await response.json()) as CaughtEmail[];
	const wanted = address.toLowerCase();
	return all.filter((m) => m.to.some((t) => t.address.toLowerCase() === wanted));
}

/** Waits until at least `count` emails reached the address, then returns them all. */
export async function waitForEmails(address: string, count = 1, timeoutMs = 15_000) {
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

export const waitForEmail = async (address: string, timeoutMs?: number) =>
	(await waitForEmails(address, 1, timeoutMs))[0];

/** A fresh address per test, so tests never read each other's mail. */
export const uniqueEmail = (label = 'buyer') =>
	`${label}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}@example.test`;

/** The 6-digit (or configured length) code in an email body. */
export const codeIn = (html: string) => /\b(\d{6,10})\b/.exec(html.replace(/<[^>]+>/g, ' '))?.[1];

/** Every link of an email body, entities decoded. */
export const linksIn = (html: string) =>
	[...html.matchAll(/href="([^"]+)"/g)].map((m) => m[1].replaceAll('&amp;', '&'));
