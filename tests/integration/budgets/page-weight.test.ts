import { existsSync, readFileSync } from 'node:fs';
import { uniqueEmail } from '@storefront/local-stack';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { buyAndReturn, startApp } from '../../support/app-process.ts';
import { CookieJar } from '../../support/cookie-jar.ts';
import { stackEnv } from '../../support/env.ts';
import {
	fetchPage,
	foreignOrigins,
	gzipBytes,
	pageJavaScriptBytes,
	pageModules,
	pageScripts,
	type PageAnswer
} from '../../support/page-weight.ts';
import { createAccount, signedInCookies } from '../../support/sessions.ts';
import { PAGE_SCRIPT } from '../../../src/lib/browser/entry.ts';

// Budgets that fail the build, counted in bytes, never timed: the JavaScript each page can make
// the browser load (gzip, as served: its scripts and all they import, also lazily), no origin in
// any page but the store's and its Supabase project's, and what the service worker downloads on
// install (README "Performance"). The store's pages do not hydrate: they load the page script
// (src/lib/browser/page.ts, about 7 KB with everything it may import) and no SvelteKit client or
// Svelte runtime, which alone are 38.7 KB. The studio hydrates (its editors, uploads and charts
// are Svelte in the browser), so it has a budget of its own: 84 KB at most as it loads them, and
// the page script's lazy parts for the library and read pages (4.3 KB), counted though a studio
// page never asks for them.
const JS_BUDGET = 30 * 1024;
const STUDIO_JS_BUDGET = 90 * 1024;
const PRECACHE_BUDGET = 160 * 1024;
const CLIENT = 'build/client';
/** SvelteKit's client entry, which a hydrating page loads and a page rendered by the server alone does not. */
const KIT_ENTRY = '/_app/immutable/entry/';

let app: Awaited<ReturnType<typeof startApp>>;
const pages: Record<string, PageAnswer> = {};

beforeAll(async () => {
	app = await startApp(4187, { PURCHASE_EMAIL_POLL_SECONDS: '3600' });
	const get = (path: string, cookie?: string) =>
		fetchPage(`${app.origin}${path}`, cookie ? { cookie } : {});
	const buyer = new CookieJar();
	const buyerEmail = uniqueEmail('budget');
	await buyAndReturn(app.origin, 'night-photography', buyerEmail, buyer);
	// As the buyer sees them once the address is proven (the emailed link).
	const signedIn = await signedInCookies(app.origin, buyerEmail);
	const seller = await createAccount('budget-seller', { role: 'admin' });
	const studio = await signedInCookies(app.origin, seller.email);
	const visits: [string, string, string?][] = [
		['shop', '/'],
		['product', '/products/night-photography'],
		['login', '/login'],
		['login code', '/login/code'],
		['log out', '/logout'],
		['membership', '/membership'],
		['library', '/library', buyer.header()],
		['read', '/products/night-photography/read', buyer.header()],
		['account', '/account', buyer.header()],
		['orders', '/orders', signedIn],
		['studio products', '/admin/products', studio],
		['studio new product', '/admin/products/new', studio],
		['studio sales', '/admin/sales', studio],
		['studio events', '/admin/events', studio],
		['studio plans', '/admin/plans', studio]
	];
	for (const [name, path, cookie] of visits) pages[name] = await get(path, cookie);
}, 60_000);

afterAll(async () => {
	await app?.stop();
});

const isStudio = (name: string) => name.startsWith('studio');

test(`every page loads at most ${JS_BUDGET / 1024} KB of JavaScript (gzip), a studio page ${STUDIO_JS_BUDGET / 1024} KB`, () => {
	const over = Object.entries(pages)
		.map(([name, page]) => ({ name, bytes: pageJavaScriptBytes(CLIENT, page) }))
		.filter(({ name, bytes }) => bytes > (isStudio(name) ? STUDIO_JS_BUDGET : JS_BUDGET));
	expect(over).toEqual([]);
	// The count is of real files: the page script and the lazy parts it imports.
	expect(pageJavaScriptBytes(CLIENT, pages.read)).toBeGreaterThan(3 * 1024);
});

test('no page but the studio hydrates: none loads SvelteKit’s client', () => {
	const hydrating = Object.entries(pages)
		.filter(([, page]) => pageModules(CLIENT, page).some((path) => path.startsWith(KIT_ENTRY)))
		.map(([name]) => name);
	expect(hydrating).toEqual(Object.keys(pages).filter(isStudio));
	// And every page has the script that does what the browser must (the worker, the notices).
	const withoutScript = Object.entries(pages)
		.filter(([, page]) => !pageScripts(page).includes(PAGE_SCRIPT))
		.map(([name]) => name);
	expect(withoutScript).toEqual([]);
});

test('no page refers to an origin other than the store and its Supabase project', () => {
	const supabase = new URL(stackEnv().apiUrl).origin;
	const foreign = Object.entries(pages).flatMap(([name, { html }]) =>
		foreignOrigins(html, app.origin, [supabase]).map((origin) => `${name}: ${origin}`)
	);
	expect(foreign).toEqual([]);
	expect(foreignOrigins('<img src="https://cdn.example/x.png">', app.origin)).toEqual([
		'https://cdn.example'
	]);
});

test(`the service worker's precache stays within ${PRECACHE_BUDGET / 1024} KB (gzip)`, () => {
	const worker = readFileSync(`${CLIENT}/service-worker.js`, 'utf8');
	const urls = [...worker.matchAll(/"url":"([^"]+)"/g)].map((m) => `/${m[1]}`);
	expect(urls).toContain('/offline');
	// Pages are precached by route (/offline), their files end in .html.
	const file = (url: string) => (existsSync(`${CLIENT}${url}`) ? url : `${url}.html`);
	const bytes = urls.reduce((sum, url) => sum + gzipBytes(CLIENT, file(url)), 0);
	expect(bytes).toBeLessThanOrEqual(PRECACHE_BUDGET);
});
