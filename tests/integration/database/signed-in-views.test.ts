import { afterAll, describe, expect, it } from 'vitest';
import {
	adminSql,
	fulfil,
	inRollback,
	insertUser,
	productBySlug,
	type Tx
} from '../../support/db.ts';

// The functions the library and the read page call (supabase/migrations/…_signed_in_views.sql)
// run as the caller: the tables' RLS policies decide what they return, refunds and scoped
// sessions included, and no anonymous caller may run them.
const sql = adminSql();
afterAll(() => sql.end());

const slug = 'sourdough-field-guide';

const library = (tx: Tx) =>
	tx<{ slug: string; via: string; files: unknown[] }[]>`
		select slug, via, files from public.library_items()`;
const readable = (tx: Tx, productId: string) =>
	tx<{ body: string; scoped: boolean; fraction: number | null }[]>`
		select body, scoped, fraction from public.readable_content(${productId})`;
const positions = (tx: Tx) =>
	tx<{ slug: string }[]>`select slug from public.reading_positions_by_slug()`;

describe('the signed-in views', () => {
	it('show a buyer what they bought, with where they stopped, and a stranger nothing of it', async () => {
		await inRollback(sql, async (tx, as) => {
			const buyer = await insertUser(tx);
			const stranger = await insertUser(tx);
			const product = await productBySlug(tx, slug);
			await fulfil(tx, buyer.id, buyer.email, product.id);

			await as('authenticated', buyer.id);
			await tx`select public.save_reading_position(${product.id}, 0.25, null, now())`;
			expect(await library(tx)).toEqual([expect.objectContaining({ slug, via: 'purchase' })]);
			expect(await readable(tx, product.id)).toEqual([
				expect.objectContaining({ scoped: false, fraction: 0.25 })
			]);
			expect(await positions(tx)).toEqual([{ slug }]);

			await as('authenticated', stranger.id);
			expect(await library(tx)).toEqual([]);
			expect(await readable(tx, product.id)).toEqual([]);
			expect(await positions(tx)).toEqual([]);
		});
	});

	it('show nothing of a refunded purchase, nor to a session proven by password', async () => {
		await inRollback(sql, async (tx, as) => {
			const buyer = await insertUser(tx);
			const product = await productBySlug(tx, slug);
			await fulfil(tx, buyer.id, buyer.email, product.id);

			await as('authenticated', buyer.id, { method: 'password' });
			expect(await library(tx)).toEqual([]);
			expect(await readable(tx, product.id)).toEqual([]);

			await tx`reset role`;
			await tx`update public.purchases set status = 'refunded' where user_id = ${buyer.id}`;
			await as('authenticated', buyer.id);
			expect(await library(tx)).toEqual([]);
			expect(await readable(tx, product.id)).toEqual([]);
		});
	});

	it('are not for anonymous callers', async () => {
		for (const call of [
			'select * from public.library_items()',
			'select * from public.reading_positions_by_slug()',
			"select * from public.readable_content('00000000-0000-0000-0000-000000000000')"
		]) {
			await inRollback(sql, async (tx, as) => {
				await as('anon');
				await expect(tx.unsafe(call)).rejects.toThrow(/permission denied/);
			});
		}
	});
});
