import type postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PRIVATE, SHARED } from '$lib/server/cache-policy';
import { startApp } from '../../support/app-process.ts';
import { adminSql } from '../../support/db.ts';
import { coverageGaps, storeRoutes } from '../../support/routes.ts';
import { createAccount, signedInCookies } from '../../support/sessions.ts';

/**
 * Cache-Control on every route the filesystem has, logged out and logged in, for the page and its
 * __data.json: a shared cache may keep only the storefront and product pages as a logged-out
 * visitor sees them (never their __data.json). A route without an expectation here fails.
 */
const slug = 'bike-repair-basics';

/** A request that reaches each route, and what a logged-out visitor's answer may be cached as. */
const expectations: Record<string, { path: string; loggedOut: string }> = {
	'/': { path: '/', loggedOut: SHARED },
	'/auth/confirm/[...next]': {
		path: `/auth/confirm/library?token_hash=${'a'.repeat(56)}&type=magiclink`,
		loggedOut: PRIVATE
	},
	'/library': { path: '/library', loggedOut: PRIVATE },
	'/account': { path: '/account', loggedOut: PRIVATE },
	'/orders': { path: '/orders', loggedOut: PRIVATE },
	'/orders/[id]/receipt': {
		path: '/orders/00000000-0000-4000-8000-000000000000/receipt',
		loggedOut: PRIVATE
	},
	'/products/[slug]/position POST': { path: `/products/${slug}/position`, loggedOut: PRIVATE },
	// The same for everyone, from the catalogue: an hour in any cache.
	'/robots.txt GET': { path: '/robots.txt', loggedOut: 'public, max-age=3600' },
	'/sitemap.xml GET': { path: '/sitemap.xml', loggedOut: 'public, max-age=3600' },
	'/membership': { path: '/membership', loggedOut: PRIVATE },
	'/membership/return': {
		path: `/membership/return?session_id=cs_test_${'0'.repeat(24)}`,
		loggedOut: PRIVATE
	},
	'/login': { path: '/login?next=/library', loggedOut: PRIVATE },
	'/login/code': { path: '/login/code', loggedOut: PRIVATE },
	'/logout': { path: '/logout', loggedOut: PRIVATE },
	'/products/[slug]': { path: `/products/${slug}`, loggedOut: SHARED },
	'/products/[slug]/read': { path: `/products/${slug}/read`, loggedOut: PRIVATE },
	'/products/[slug]/return': {
		path: `/products/${slug}/return?session_id=cs_test_${'0'.repeat(24)}`,
		loggedOut: PRIVATE
	},
	// The route's own choice: revalidate every time, from any cache.
	'/manifest.webmanifest GET': { path: '/manifest.webmanifest', loggedOut: 'no-cache' },
	// The studio: a 404 to all but a seller, private either way.
	'/(admin)/admin': { path: '/admin', loggedOut: PRIVATE },
	'/(admin)/admin/products': { path: '/admin/products', loggedOut: PRIVATE },
	'/(admin)/admin/products/[id]': {
		path: '/admin/products/00000000-0000-4000-8000-000000000000',
		loggedOut: PRIVATE
	},
	'/(admin)/admin/products/new': { path: '/admin/products/new', loggedOut: PRIVATE },
	'/(admin)/admin/events': { path: '/admin/events', loggedOut: PRIVATE },
	'/(admin)/admin/orders/[id]': {
		path: '/admin/orders/00000000-0000-4000-8000-000000000000',
		loggedOut: PRIVATE
	},
	'/(admin)/admin/sales': { path: '/admin/sales', loggedOut: PRIVATE },
	'/(admin)/admin/plans': { path: '/admin/plans', loggedOut: PRIVATE },
	'/(admin)/admin/sales/orders.csv GET': { path: '/admin/sales/orders.csv', loggedOut: PRIVATE },
	'/(admin)/admin/products/[id]/cover POST': {
		path: '/admin/products/00000000-0000-4000-8000-000000000000/cover',
		loggedOut: PRIVATE
	},
	'/(admin)/admin/products/[id]/files POST': {
		path: '/admin/products/00000000-0000-4000-8000-000000000000/files',
		loggedOut: PRIVATE
	},
	// A download is one person's: a redirect to log in, or to a one-minute link to Storage.
	'/products/[slug]/files/[fileId] GET': {
		path: `/products/${slug}/files/00000000-0000-4000-8000-000000000000`,
		loggedOut: PRIVATE
	},
	'/(admin)/admin/preview POST': { path: '/admin/preview', loggedOut: PRIVATE }
};

const { pages, endpoints } = storeRoutes();
const onDisk = [
	...pages.map((p) => ({ key: p.id, page: true, method: 'GET' })),
	...endpoints.flatMap((e) =>
		e.methods.map((method) => ({ key: `${e.id} ${method}`, page: false, method }))
	)
];

let app: Awaited<ReturnType<typeof startApp>>;
let sql: postgres.Sql;
let cookie: string;

beforeAll(async () => {
	sql = adminSql();
	app = await startApp(4183, { PURCHASE_EMAIL_POLL_SECONDS: '3600' });
	// An owner of the product, signed in with the emailed link.
	const owner = await createAccount('cache-owner');
	await sql`select public.fulfil_checkout(${`cs_test_cache${Date.now()}`},
		(select id from public.products where slug = ${slug}), ${owner.email}, 1200, 'eur', null)`;
	cookie = await signedInCookies(app.origin, owner.email);
	// Without a working session the "logged in" half below would prove nothing.
	const library = await fetch(`${app.origin}/library`, { headers: { cookie }, redirect: 'manual' });
	if (library.status !== 200)
		throw new Error(`the owner's session does not work: ${library.status}`);
});
afterAll(async () => {
	await app?.stop();
	await sql?.end();
});

/** The answer's caching headers; any answer that sets a cookie must be private, whatever else. */
async function cachingOf(path: string, init: RequestInit = {}) {
	const response = await fetch(`${app.origin}${path}`, { redirect: 'manual', ...init });
	const cacheControl = response.headers.get('cache-control');
	if (response.headers.has('set-cookie')) expect(cacheControl, path).toBe(PRIVATE);
	return { status: response.status, cacheControl, vary: response.headers.get('vary') };
}

const dataPath = (path: string) => {
	const url = new URL(path, 'http://x');
	return `${url.pathname.replace(/\/$/, '')}/__data.json${url.search}`;
};

describe('caching headers', () => {
	it('has an expectation for every route on disk, and none for a route that is gone', () => {
		expect(
			coverageGaps(
				onDisk.map((r) => r.key),
				expectations
			)
		).toEqual({ missing: [], gone: [] });
	});

	for (const { key, page, method } of onDisk) {
		it(`${key}: logged out as expected, logged in private`, async () => {
			const { path, loggedOut } = expectations[key] ?? { path: '/', loggedOut: 'missing' };
			const paths = page ? [path, dataPath(path)] : [path];
			for (const p of paths) {
				// A page's __data.json is private either way (see cache-policy.ts).
				const expected = p === path ? loggedOut : PRIVATE;
				const anonymous = await cachingOf(p, { method });
				expect(anonymous.cacheControl, `${p} logged out (${anonymous.status})`).toBe(expected);
				if (page) expect(anonymous.vary, p).toContain('Cookie');
				const owner = await cachingOf(p, { method, headers: { cookie } });
				expect(owner.cacheControl, `${p} logged in (${owner.status})`).toBe(PRIVATE);
			}
		});
	}

	it('keeps error pages and redirects private, on routes that are otherwise shared too', async () => {
		for (const [path, status] of [
			['/products/no-such-product', 404],
			['/no/such/page', 404],
			['/?token_hash=abc&type=magiclink', 303],
			['/library', 303],
			[`/products/${slug}/read`, 303]
		] as const) {
			expect(await cachingOf(path), path).toMatchObject({ status, cacheControl: PRIVATE });
		}
		expect(await cachingOf('/login', { headers: { cookie } })).toMatchObject({
			status: 303,
			cacheControl: PRIVATE
		});
	});

	it('keeps an answer that sets a cookie private (a broken session cookie being cleared)', async () => {
		const response = await fetch(`${app.origin}/`, {
			headers: { cookie: 'sb-127-auth-token=base64-e30' }
		});
		expect(response.headers.getSetCookie().join()).toMatch(/^sb-127-auth-token=;/);
		expect(response.headers.get('cache-control')).toBe(PRIVATE);
	});
});
