import { readFileSync } from 'node:fs';
import { posix } from 'node:path';
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

/**
 * SvelteKit's client and route components: their lazy imports are the other routes' (all of them,
 * in Vite's list), which the client loads only for those routes and a page of a route lists as
 * modulepreloads; only their static imports are the page's.
 */
const KIT_CLIENT = ['/_app/immutable/entry/', '/_app/immutable/nodes/'];

// A module path as a minifier writes it: in any quotes, from the root or relative.
const MODULE = String.raw`["'\x60]((?:\.{1,2})?\/[^"'\x60]+\.js)["'\x60]`;
const STATIC_IMPORT = new RegExp(String.raw`(?:\bfrom|\bimport)\s*` + MODULE, 'g');
const LAZY_IMPORT = new RegExp(String.raw`\bimport\s*\(\s*` + MODULE, 'g');
const VITE_LAZY_DEPS = /__vite__mapDeps=[^\n]*?\[([^\]]*)\]/g;

/**
 * The modules a built module imports, statically or when it needs them (`import("./x.js")`, and
 * Vite's list of a lazy import's dependencies), as paths from the site root.
 */
export function moduleImports(clientDir: string, pathname: string): string[] {
	const code = readFileSync(`${clientDir}${pathname}`, 'utf8');
	const specifiers = [...code.matchAll(STATIC_IMPORT)].map((m) => m[1]);
	if (!KIT_CLIENT.some((prefix) => pathname.startsWith(prefix))) {
		specifiers.push(...[...code.matchAll(LAZY_IMPORT)].map((m) => m[1]));
		for (const [, list] of code.matchAll(VITE_LAZY_DEPS)) {
			specifiers.push(...[...list.matchAll(new RegExp(MODULE, 'g'))].map((m) => m[1]));
		}
	}
	return specifiers.map((specifier) =>
		specifier.startsWith('/') ? specifier : posix.join(posix.dirname(pathname), specifier)
	);
}

/**
 * Every module a page can make the browser load: its scripts and all they import, also what the
 * page imports only when it needs it (the read page's tracker, the library's "Save offline"),
 * but no other route's components.
 */
export function pageModules(clientDir: string, page: PageAnswer): string[] {
	const found = new Set(pageScripts(page));
	// A Set visited while it grows: each module once, also those found on the way.
	for (const path of found) {
		for (const imported of moduleImports(clientDir, path)) found.add(imported);
	}
	return [...found];
}

/** Gzip bytes of all the JavaScript a page loads. */
export const pageJavaScriptBytes = (clientDir: string, page: PageAnswer) =>
	pageModules(clientDir, page).reduce((sum, path) => sum + gzipBytes(clientDir, path), 0);

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
