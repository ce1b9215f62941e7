import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp } from '../../support/app-process.ts';
import { adminSql } from '../../support/db.ts';
import { createAccount, signedInCookies } from '../../support/sessions.ts';

/**
 * The studio answers 404 to everyone but a seller, on every page, action and endpoint, each
 * called directly (not only the pages the studio links to). The list of targets is read from
 * src/routes/(admin), so a new studio route without a check here fails this test.
 */
const studio = 'src/routes/(admin)';
let app: Awaited<ReturnType<typeof startApp>>;
let sql: postgres.Sql;
let productId: string;
const visitors: Record<string, string> = {};

const files = (dir: string): string[] =>
	readdirSync(dir).flatMap((name) => {
		const full = path.join(dir, name);
		return statSync(full).isDirectory() ? files(full) : [full];
	});

/** Every studio URL a request can reach, with the methods and form actions its files define. */
function targets() {
	const found: { method: string; url: string }[] = [];
	for (const file of files(studio)) {
		const route = path
			.dirname(path.relative(studio, file))
			.split(path.sep)
			.map((part) => (part === '[id]' ? productId : part))
			.join('/');
		const url = `/${route}`;
		const source = readFileSync(file, 'utf8');
		if (file.endsWith('+page.server.ts')) {
			found.push({ method: 'GET', url });
			const actions = /export const actions = \{([\s\S]*?)\n\} satisfies Actions/.exec(source)?.[1];
			for (const [, name] of (actions ?? '').matchAll(/^\t(\w+):/gm)) {
				found.push({ method: 'POST', url: name === 'default' ? url : `${url}?/${name}` });
			}
		} else if (file.endsWith('+server.ts')) {
			for (const [, method] of source.matchAll(/export const (GET|POST|PUT|PATCH|DELETE)\b/g)) {
				found.push({ method, url });
			}
		}
	}
	return found;
}

beforeAll(async () => {
	sql = adminSql();
	[{ id: productId }] = await sql`select id from public.products where slug = 'night-photography'`;
	app = await startApp(4182);
	const buyer = await createAccount('studio-buyer');
	visitors.buyer = await signedInCookies(app.origin, buyer.email);
	// A seller's account whose session was started by a return from Checkout (not proven).
	const seller = await createAccount('studio-scoped', { role: 'admin' });
	visitors['seller, scoped session'] = await signedInCookies(app.origin, seller.email);
	const [{ session_id }] = await sql`select id as session_id from auth.sessions
		where user_id = ${seller.id} order by created_at desc limit 1`;
	const [purchase] = await sql`select * from public.fulfil_checkout(
		${`cs_test_scope${Date.now()}`}, ${productId}, ${seller.email}, 900, 'usd', null)`;
	await sql`select public.scope_session(${session_id}, ${purchase.purchase_id})`;
	visitors.anonymous = '';
});
afterAll(async () => {
	await app?.stop();
	await sql.end();
});

describe('the studio, to anyone but a seller', () => {
	it('answers 404 on every page, action and endpoint, and changes nothing', async () => {
		const before =
			await sql`select md5(string_agg(p::text, ',' order by id)) as h from public.products p`;
		const all = targets();
		expect(all.length).toBeGreaterThan(8);
		// As a browser without JavaScript (an HTML answer) and as the enhanced form (JSON).
		for (const accept of ['text/html', 'application/json']) {
			for (const [who, cookie] of Object.entries(visitors)) {
				for (const { method, url } of all) {
					const response = await fetch(`${app.origin}${url}`, {
						method,
						redirect: 'manual',
						headers: {
							cookie,
							accept,
							origin: app.origin,
							...(method === 'POST' && {
								'content-type': 'application/x-www-form-urlencoded'
							})
						},
						body: method === 'POST' ? 'title=Hacked&price=1&currency=eur&body=x' : undefined
					});
					expect(response.status, `${who}, ${accept}: ${method} ${url}`).toBe(404);
				}
			}
		}
		const after =
			await sql`select md5(string_agg(p::text, ',' order by id)) as h from public.products p`;
		expect(after).toEqual(before);
	});

	it('the studio opens for a seller with a proven session', async () => {
		const seller = await createAccount('studio-seller', { role: 'admin' });
		const cookie = await signedInCookies(app.origin, seller.email);
		const response = await fetch(`${app.origin}/admin/products`, { headers: { cookie } });
		expect(response.status).toBe(200);
		expect(await response.text()).toContain('Night Photography');
	});
});
