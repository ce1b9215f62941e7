import { randomUUID } from 'node:crypto';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp } from '../../support/app-process.ts';
import { adminSql } from '../../support/db.ts';
import { createAccount, signedInCookies } from '../../support/sessions.ts';

/**
 * POST /products/<slug>/position, called as devices and attackers would: only JSON from the
 * signed-in reader of the item is stored, the newest by the device clock wins, and every
 * malformed or foreign request is a 4xx that changes nothing.
 */
let app: Awaited<ReturnType<typeof startApp>>;
let sql: postgres.Sql;
let reader: { id: string; email: string; cookie: string };
let stranger: { id: string; cookie: string };
const owned = 'houseplants-that-forgive';
const notOwned = 'bike-repair-basics';

async function buyer(slug: string) {
	const account = await createAccount('positions');
	await sql`insert into public.purchases
		(user_id, product_id, stripe_checkout_session_id, email, amount_total, currency)
		select ${account.id}, p.id, ${`cs_test_pos${randomUUID().replaceAll('-', '')}`},
			${account.email}, p.price_cents, p.currency
		from public.products p where p.slug = ${slug}`;
	return { ...account, cookie: await signedInCookies(app.origin, account.email) };
}

const post = (
	slug: string,
	body: unknown,
	cookie?: string,
	contentType = 'application/json'
): Promise<Response> =>
	fetch(`${app.origin}/products/${slug}/position`, {
		method: 'POST',
		headers: {
			origin: app.origin,
			'content-type': contentType,
			...(cookie ? { cookie } : {})
		},
		body: typeof body === 'string' ? body : JSON.stringify(body)
	});

const stored = async () =>
	(
		await sql<{ fraction: number; anchor: string | null }[]>`
			select rp.fraction, rp.anchor from public.reading_positions rp
			join public.products p on p.id = rp.product_id
			where rp.user_id = ${reader.id} and p.slug = ${owned}`
	)[0];

beforeAll(async () => {
	sql = adminSql();
	app = await startApp(4186);
	reader = await buyer(owned);
	stranger = await buyer(notOwned);
});
afterAll(async () => {
	await app?.stop();
	await sql?.end();
});

const report = (fraction: number, at: string, anchor: string | null = 'section-the-twelve') => ({
	reader: reader.id,
	fraction,
	anchor,
	at
});

describe('POST /products/<slug>/position', () => {
	it('stores the reader’s position and keeps the newest by the device clock', async () => {
		const first = await post(owned, report(0.4, '2026-11-01T10:00:00Z'), reader.cookie);
		expect(first.status).toBe(200);
		expect(await first.json()).toMatchObject({ applied: true, position: { fraction: 0.4 } });
		const older = await post(owned, report(0.1, '2026-11-01T09:00:00Z', null), reader.cookie);
		expect(await older.json()).toMatchObject({
			applied: false,
			position: { fraction: 0.4, anchor: 'section-the-twelve', at: '2026-11-01T10:00:00.000Z' }
		});
		expect(await stored()).toEqual({ fraction: 0.4, anchor: 'section-the-twelve' });
	});

	it('refuses what is not a position from this reader of this item, and stores nothing', async () => {
		const before = await stored();
		const late = '2026-11-02T10:00:00Z';
		const cases: [string, Promise<Response>][] = [
			['no session', post(owned, report(0.9, late))],
			['a form post', post(owned, 'fraction=0.9', reader.cookie, 'text/plain')],
			['not JSON', post(owned, '{"fraction":', reader.cookie)],
			['a fraction past the end', post(owned, report(1.5, late), reader.cookie)],
			['a date that is none', post(owned, report(0.9, 'yesterday'), reader.cookie)],
			['markup as an anchor', post(owned, report(0.9, late, '"><script>'), reader.cookie)],
			['too long', post(owned, report(0.9, late, 'a'.repeat(2000)), reader.cookie)],
			[
				'another account’s queue',
				post(owned, { ...report(0.9, late), reader: randomUUID() }, reader.cookie)
			],
			['no such item', post('no-such-item', report(0.9, late), reader.cookie)],
			[
				'someone else’s item',
				post(owned, { ...report(0.9, late), reader: stranger.id }, stranger.cookie)
			]
		];
		const statuses = Object.fromEntries(
			await Promise.all(cases.map(async ([name, response]) => [name, (await response).status]))
		);
		expect(statuses).toEqual({
			'no session': 401,
			'a form post': 415,
			'not JSON': 400,
			'a fraction past the end': 400,
			'a date that is none': 400,
			'markup as an anchor': 400,
			'too long': 413,
			'another account’s queue': 409,
			'no such item': 404,
			'someone else’s item': 403
		});
		expect(await stored()).toEqual(before);
	});

	it('takes a position sent to the slug the item had before a rename', async () => {
		const old = `forgiving-plants-${randomUUID().slice(0, 8)}`;
		await sql`insert into public.product_slugs (slug, product_id)
			select ${old}, id from public.products where slug = ${owned}`;
		try {
			const response = await post(old, report(0.6, '2026-11-03T10:00:00Z'), reader.cookie);
			expect(response.status).toBe(200);
			expect((await stored()).fraction).toBe(0.6);
		} finally {
			await sql`delete from public.product_slugs where slug = ${old}`;
		}
	});
});
