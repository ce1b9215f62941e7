import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

/**
 * What a page of the store costs the browser, read from its HTML and the build's files: shared by
 * the budget tests (tests/integration/budgets) and `npm run bench`.
 */

/** A page as the browser gets it: its URL, its HTML and its `Link` header (SvelteKit lists the
 * modules a page needs there as modulepreloads, not in the markup). */
export interface PageAnswer {
	url: string;
	html: string;
	link: string | null;
}

/** Fetches a page (with `headers`, a session cookie) as `PageAnswer`. */
export async function fetchPage(url: string, headers: Record<string, string> = {}) {
	const response = await fetch(url, { headers });
	if (response.status !== 200) throw new Error(`${url} answered ${response.status}`);
	return { url, html: await response.text(), link: response.headers.get('link') };
}

/**
 * The same-origin scripts a page loads: the modulepreloads of its Link header and its markup,
 * its script elements and the entry modules its inline script imports. Paths from the site root.
 */
export function pageScripts({ url, html, link }: PageAnswer): string[] {
	const preloads = [...(link ?? '').matchAll(/<([^>]+)>([^,]*)/g)]
		.filter(([, , params]) => /rel="?modulepreload/.test(params))
		.map(([, href]) => href);
	// Attributes come in any order (SvelteKit writes href before rel).
	const preloadTags = [...html.matchAll(/<link\b[^>]*>/g)]
		.map(([tag]) => tag)
		.filter((tag) => /\brel="modulepreload"/.test(tag))
		.map((tag) => /\bhref="([^"]+)"/.exec(tag)?.[1]);
	const found = [
		...preloads,
		...preloadTags,
		...[...html.matchAll(/<script\b[^>]*\bsrc="([^"]+)"/g)].map((m) => m[1]),
		...[...html.matchAll(/import\(\s*"([^"]+\.js)"\s*\)/g)].map((m) => m[1])
	]
		.filter((href): href is string => href !== undefined)
		.map((href) => new URL(href, url))
		.filter((resolved) => resolved.origin === new URL(url).origin)
		.map((resolved) => resolved.pathname);
	return [...new Set(found)];
}

/** Bytes of a file of the build's client folder after gzip (as a server or CDN compresses it). */
export const gzipBytes = (clientDir: string, pathname: string) =>
	gzipSync(readFileSync(`${clientDir}${pathname}`), { level: 9 }).byteLength;

/** Gzip bytes of all the JavaScript a page loads. */
export const pageJavaScriptBytes = (clientDir: string, page: PageAnswer) =>
	pageScripts(page).reduce((sum, path) => sum + gzipBytes(clientDir, path), 0);

/**
 * Origins a page refers to other than its own and those `allowed` (the Supabase project, for
 * Storage images): every src, srcset, href, action and url() in its markup and inline styles.
 */
export function foreignOrigins(html: string, own: string, allowed: string[] = []): string[] {
	const urls = [
		...html.matchAll(/\s(?:src|href|action|poster|data)="([^"]+)"/g),
		...html.matchAll(/url\(\s*['"]?([^'")\s]+)/g)
	].map((m) => m[1]);
	for (const srcset of html.matchAll(/\ssrcset="([^"]+)"/g)) {
		urls.push(...srcset[1].split(',').map((part) => part.trim().split(/\s+/)[0]));
	}
	const origins = urls
		.filter((u) => /^(https?:)?\/\//i.test(u))
		.map((u) => new URL(u, own).origin)
		.filter((origin) => origin !== new URL(own).origin && !allowed.includes(origin));
	return [...new Set(origins)];
}
