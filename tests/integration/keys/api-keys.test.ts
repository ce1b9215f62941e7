import { codeIn, linksIn, uniqueEmail, waitForEmail } from '@storefront/local-stack';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buyAndReturn, startApp } from '../../support/app-process.ts';
import { CookieJar } from '../../support/cookie-jar.ts';
import { startCountingProxy } from '../../support/counting-proxy.ts';
import { adminSql } from '../../support/db.ts';
import { stackEnv } from '../../support/env.ts';

/**
 * The store configured as for a project created today: the publishable key for sessions, the
 * secret key for its admin calls, no legacy key at all. Its Supabase requests go through a
 * counting pass-through, so the test also sees what a page view asks Supabase Auth.
 */
const env = stackEnv();
const sql = adminSql();
let proxy: Awaited<ReturnType<typeof startCountingProxy>>;
let app: Awaited<ReturnType<typeof startApp>>;
const product = { slug: 'tiny-kitchen-ferments', title: 'Tiny Kitchen Ferments' };

beforeAll(async () => {
	proxy = await startCountingProxy(env.apiUrl);
	app = await startApp(4183, {
		PUBLIC_SUPABASE_URL: proxy.url,
		PUBLIC_SUPABASE_PUBLISHABLE_KEY: env.publishableKey,
		SUPABASE_SECRET_KEY: env.secretKey,
		// Set empty, so the .env file cannot bring them back: the store must do without.
		PUBLIC_SUPABASE_ANON_KEY: '',
		SUPABASE_SERVICE_ROLE_KEY: '',
		LOGIN_EMAIL_COOLDOWN_SECONDS: '0',
		LOGIN_REQUESTS_PER_IP_PER_HOUR: '100000'
	});
});
afterAll(async () => {
	await app?.stop();
	await proxy?.stop();
	await sql.end();
});

/** A form post as a browser without JavaScript sends it; the jar keeps what it sets. */
const post = (jar: CookieJar, path: string, form: Record<string, string>) =>
	fetch(`${app.origin}${path}`, {
		method: 'POST',
		redirect: 'manual',
		headers: {
			origin: app.origin,
			accept: 'text/html',
			'content-type': 'application/x-www-form-urlencoded',
			cookie: jar.header()
		},
		body: new URLSearchParams(form)
	}).then((r) => jar.add(r));

const library = (jar: CookieJar) =>
	fetch(`${app.origin}/library`, { redirect: 'manual', headers: { cookie: jar.header() } });

/** A buyer of `product` made with the secret key, as the store makes them, and a purchase row. */
async function buyer(label: string) {
	const email = uniqueEmail(label);
	const created = await fetch(`${env.apiUrl}/auth/v1/admin/users`, {
		method: 'POST',
		headers: { apikey: env.secretKey, 'content-type': 'application/json' },
		body: JSON.stringify({ email, email_confirm: true })
	});
	expect(created.status).toBe(200);
	const { id } = (await created.json()) as { id: string };
	await sql`insert into public.purchases (user_id, product_id, stripe_checkout_session_id, email, amount_total, currency)
		select ${id}, id, ${`cs_test_keys_${crypto.randomUUID()}`}, ${email}, price_cents, currency
		from public.products where slug = ${product.slug}`;
	return email;
}

/** Asks /login for an email and reads its link and code. */
async function loginEmail(jar: CookieJar, email: string) {
	expect((await post(jar, '/login', { email, next: '/library' })).status).toBe(303);
	const mail = await waitForEmail(email);
	const link = new URL(linksIn(mail.html).find((href) => href.includes('token_hash='))!);
	return { link, code: codeIn(mail.html)! };
}

describe('the store with the new API keys alone', () => {
	it('buys, comes back logged in, and reads the library', async () => {
		const jar = new CookieJar();
		const returned = await buyAndReturn(app.origin, product.slug, uniqueEmail('keys-buy'), jar);
		expect(returned.status).toBe(303);
		const page = await library(jar);
		expect(page.status).toBe(200);
		expect(await page.text()).toContain(product.title);
	});

	it('logs in with the emailed code', async () => {
		const jar = new CookieJar();
		const email = await buyer('keys-code');
		const { code } = await loginEmail(jar, email);
		const answer = await post(jar, '/login/code', { email, code, next: '/library' });
		expect(answer.headers.get('location')).toBe('/library');
		expect(await (await library(jar)).text()).toContain(product.title);
	});

	it('logs in with the emailed link', async () => {
		const jar = new CookieJar();
		const email = await buyer('keys-link');
		const { link } = await loginEmail(jar, email);
		const answer = await post(jar, `${link.pathname}?/link`, {
			token_hash: link.searchParams.get('token_hash')!,
			type: link.searchParams.get('type')!,
			next: '/library'
		});
		expect(answer.headers.get('location')).toBe('/library');
		expect(await (await library(jar)).text()).toContain(product.title);
	});

	it('verifies the asymmetric session from the JWKS: no request to Auth per page view', async () => {
		expect(env.config.auth.signingKeys, 'the shipped config signs with a key').toBeTruthy();
		const jar = new CookieJar();
		const email = await buyer('keys-views');
		const { code } = await loginEmail(jar, email);
		await post(jar, '/login/code', { email, code, next: '/library' });
		expect((await library(jar)).status).toBe(200); // the JWKS, fetched once, stays cached
		proxy.reset();
		for (let view = 0; view < 5; view++) expect((await library(jar)).status).toBe(200);
		expect(proxy.authRequests()).toEqual([]);

		// The same session signed as a project without signing keys signs it: Auth is asked each time.
		await jar.resignSession(env.jwtSecret);
		proxy.reset();
		for (let view = 0; view < 5; view++) expect((await library(jar)).status).toBe(200);
		expect(proxy.authRequests()).toEqual(Array(5).fill('GET /auth/v1/user'));
	});
});

describe('the store with the legacy keys alone (a project made before the new keys)', () => {
	it('buys, comes back logged in, and reads the library', async () => {
		const legacy = await startApp(4184, {
			PUBLIC_SUPABASE_PUBLISHABLE_KEY: '',
			SUPABASE_SECRET_KEY: '',
			PUBLIC_SUPABASE_ANON_KEY: env.anonKey,
			SUPABASE_SERVICE_ROLE_KEY: env.serviceRoleKey
		});
		try {
			const jar = new CookieJar();
			const returned = await buyAndReturn(legacy.origin, product.slug, uniqueEmail('legacy'), jar);
			expect(returned.status).toBe(303);
			const page = await fetch(`${legacy.origin}/library`, { headers: { cookie: jar.header() } });
			expect(await page.text()).toContain(product.title);
		} finally {
			await legacy.stop();
		}
	});

	it('without any key, does not start, and names what is missing', async () => {
		const failure = await startApp(4185, {
			PUBLIC_SUPABASE_PUBLISHABLE_KEY: '',
			SUPABASE_SECRET_KEY: '',
			PUBLIC_SUPABASE_ANON_KEY: '',
			SUPABASE_SERVICE_ROLE_KEY: ''
		}).then(
			(app) => app.stop().then(() => 'started'),
			(error: Error) => error.message
		);
		expect(failure).toContain(
			'PUBLIC_SUPABASE_PUBLISHABLE_KEY: required (or the legacy PUBLIC_SUPABASE_ANON_KEY)'
		);
		expect(failure).toContain(
			'SUPABASE_SECRET_KEY: required (or the legacy SUPABASE_SERVICE_ROLE_KEY)'
		);
	});
});
