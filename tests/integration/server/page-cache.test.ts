import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { startApp } from '../../support/app-process.ts';
import { adminSql } from '../../support/db.ts';
import { createAccount, signedInCookies } from '../../support/sessions.ts';

// The logged-out shop and product pages come from the store's memory until the catalogue changes
// (src/lib/server/page-cache.ts). What it keeps must be dropped on any change to the catalogue,
// whoever makes it, and must never reach, or come from, someone signed in. To tell a page from
// memory from a fresh one without timing anything, a title is changed with triggers off (as a
// replica applies rows): no NOTIFY, so only a page rendered anew shows it.
const sql = adminSql();
const slug = `kept-${randomUUID().slice(0, 8)}`;
let app: Awaited<ReturnType<typeof startApp>>;

const answer = async (path: string, headers: Record<string, string> = {}) => {
	const response = await fetch(`${app.origin}${path}`, { headers });
	expect(response.status).toBe(200);
	return { headers: response.headers, html: await response.text() };
};
const page = async (path: string, cookie?: string) =>
	(await answer(path, cookie ? { cookie } : {})).html;

async function setTitle(title: string, notify: boolean) {
	await sql.begin(async (tx) => {
		if (!notify) await tx`set local session_replication_role = replica`;
		await tx`update public.products set title = ${title} where slug = ${slug}`;
	});
}

/** The page as a logged-out visitor gets it once it shows `title` (a NOTIFY arrives soon after its commit). */
async function eventually(path: string, title: string) {
	for (let i = 0; i < 50; i++) {
		const html = await page(path);
		if (html.includes(title)) return html;
		await new Promise((r) => setTimeout(r, 100));
	}
	throw new Error(`${path} never showed ${title}`);
}

beforeAll(async () => {
	await sql`insert into public.products (slug, title, summary, price_cents, currency, cover, sample,
			published, position)
		values (${slug}, 'First title', 'Kept in memory.', 500, 'eur', '/covers/placeholder.svg',
			'A sample.', true, 0)`;
	app = await startApp(4186, { PURCHASE_EMAIL_POLL_SECONDS: '3600' });
});

afterAll(async () => {
	await sql`delete from public.products where slug = ${slug}`;
	await sql.end();
	await app?.stop();
});

test('a logged-out page comes from memory until the catalogue changes, by any writer', async () => {
	const path = `/products/${slug}`;
	expect(await eventually(path, 'First title')).toContain('First title');
	expect(await page('/')).toContain('First title');

	await setTitle('Silent title', false);
	expect(await page(path)).toContain('First title');
	expect(await page('/')).not.toContain('Silent title');

	await setTitle('Announced title', true);
	expect(await eventually(path, 'Announced title')).not.toContain('First title');
	expect(await page('/')).toContain('Announced title');
});

test('a page for someone signed in is never kept nor answered from memory', async () => {
	const path = `/products/${slug}`;
	const { email } = await createAccount('kept');
	const cookie = await signedInCookies(app.origin, email);

	// Signed in first: their page names them; the next logged-out visitor's does not.
	expect(await page(path, cookie)).toContain(email);
	expect(await page(path)).not.toContain(email);

	// A logged-out page kept, then asked for with their cookie: rendered for them, and not kept.
	await setTitle('Kept title', true);
	await eventually(path, 'Kept title');
	expect(await page(path, cookie)).toContain(email);
	expect(await page('/', cookie)).toContain(email);
	expect(await page(path)).not.toContain(email);
	expect(await page('/')).not.toContain(email);
});

test('a kept page is answered only in the locale it was written in, with its shared-cache headers', async () => {
	const path = `/products/${slug}`;
	await setTitle('Priced title', true);
	await eventually(path, 'Priced title');
	const german = { 'accept-language': 'de-DE,de;q=0.9' };
	const english = { 'accept-language': 'en-US,en;q=0.9' };
	for (let i = 0; i < 2; i++) {
		const de = await answer(path, german);
		expect(de.headers.get('content-language')).toBe('de-DE');
		expect(de.html).toContain('5,00');
		const en = await answer(path, english);
		expect(en.headers.get('content-language')).toBe('en-US');
		expect(en.html).toContain('€5.00');
		for (const kept of [de, en]) {
			expect(kept.headers.get('cache-control')).toMatch(/^public, .*s-maxage=60/);
			expect(kept.headers.get('vary')).toMatch(/Cookie/);
			expect(kept.headers.get('vary')).toMatch(/Accept-Language/);
		}
	}
	const { email } = await createAccount('kept-headers');
	const cookie = await signedInCookies(app.origin, email);
	const theirs = await answer(path, { ...german, cookie });
	expect(theirs.headers.get('cache-control')).toBe('private, no-store');
	expect(theirs.html).toContain(email);
});

test('a kept page is sent compressed to a browser that takes it, as the same page', async () => {
	const path = `/products/${slug}`;
	await setTitle('Compressed title', true);
	const plain = await eventually(path, 'Compressed title');
	for (const [accept, encoding] of [
		['gzip, deflate, br', 'br'],
		['gzip', 'gzip'],
		['identity', null],
		['br;q=0, gzip', 'gzip']
	] as const) {
		const kept = await answer(path, { 'accept-encoding': accept });
		expect(kept.headers.get('content-encoding')).toBe(encoding);
		expect(kept.headers.get('vary')).toMatch(/Accept-Encoding/);
		expect(kept.html).toBe(plain);
	}
});
