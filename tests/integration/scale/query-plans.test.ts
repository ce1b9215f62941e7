import postgres from 'postgres';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { addBuyer, seedScale } from '../../../scripts/seed-scale.ts';
import { startApp } from '../../support/app-process.ts';
import { createAccount, signedInCookies } from '../../support/sessions.ts';

// The store at scale (10,000 products, 1,000,000 purchases: scripts/scale-seed.sql) reads a buyer's
// purchases through indexes. Postgres counts every sequential scan of a table; the store's own
// queries, for a buyer on every page that looks at purchases, add none to purchases (one would
// read a million rows on every view). Counted, not timed: a backend hands its counts over when it
// ends, so the store is stopped before they are read.
let url: string;
let sql: postgres.Sql;

const sequentialScans = async () => {
	await sql`select pg_stat_clear_snapshot()`;
	const [row] = await sql<{ scans: number }[]>`
		select seq_scan::int as scans from pg_stat_user_tables
		where schemaname = 'public' and relname = 'purchases'`;
	return row.scans;
};

beforeAll(async () => {
	url = await seedScale('storefront_scale_test');
	sql = postgres(url, { max: 1, onnotice: () => {} });
}, 120_000);

afterAll(async () => {
	await sql?.end();
});

test('a buyer’s pages scan no purchases sequentially among a million', async () => {
	const buyer = await createAccount('scale');
	await addBuyer(url, buyer, 'night-photography');
	const before = await sequentialScans();

	const app = await startApp(4188, {
		DATABASE_URL: url,
		DATABASE_LISTEN_URL: url,
		PURCHASE_EMAIL_POLL_SECONDS: '3600'
	});
	try {
		const cookie = await signedInCookies(app.origin, buyer.email);
		for (const path of [
			'/',
			'/?page=2',
			'/products/night-photography',
			'/products/scale-42',
			'/library',
			'/products/night-photography/read'
		]) {
			const response = await fetch(`${app.origin}${path}`, { headers: { cookie } });
			expect(response.status, path).toBe(200);
			await response.arrayBuffer();
		}
		const library = await (await fetch(`${app.origin}/library`, { headers: { cookie } })).text();
		expect(library).toContain('Night Photography');
	} finally {
		await app.stop();
	}
	expect(await sequentialScans()).toBe(before);
}, 60_000);
