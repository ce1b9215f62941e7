import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import {
	adminSql,
	fulfil,
	inRollback,
	insertUser,
	productBySlug,
	type Tx
} from '../../support/db.ts';

/** Storage's own rules for the `files` bucket say what the store's checks say. */
const sql = adminSql();
afterAll(() => sql.end());

async function fileOf(tx: Tx, productId: string) {
	const name = `${productId}/${randomUUID()}/guide.pdf`;
	await tx`insert into storage.objects (bucket_id, name, metadata) values ('files', ${name}, '{}')`;
	return name;
}

const visible = async (tx: Tx, name: string) =>
	(await tx`select 1 from storage.objects where bucket_id = 'files' and name = ${name}`).length ===
	1;

describe('the files bucket', () => {
	it('anon and another user read nothing; the owner reads their product’s files; a refund takes them away', async () => {
		await inRollback(sql, async (tx, as) => {
			const owner = await insertUser(tx);
			const other = await insertUser(tx);
			const product = await productBySlug(tx, 'sourdough-field-guide');
			const name = await fileOf(tx, product.id);
			await fulfil(tx, owner.id, owner.email, product.id);

			await as('anon');
			expect(await visible(tx, name)).toBe(false);
			await as('authenticated', other.id);
			expect(await visible(tx, name)).toBe(false);
			await as('authenticated', owner.id);
			expect(await visible(tx, name)).toBe(true);

			await tx`reset role`;
			await tx`select public.set_purchase_status('pi_test_1', 'refunded')`;
			await as('authenticated', owner.id);
			expect(await visible(tx, name)).toBe(false);
		});
	});

	it('a session scoped to another checkout of the owner does not read it', async () => {
		await inRollback(sql, async (tx, as) => {
			const owner = await insertUser(tx);
			const product = await productBySlug(tx, 'sourdough-field-guide');
			const elsewhere = await productBySlug(tx, 'night-photography');
			const name = await fileOf(tx, product.id);
			await fulfil(tx, owner.id, owner.email, product.id);
			const scopedTo = await fulfil(tx, owner.id, owner.email, elsewhere.id);
			const session = randomUUID();
			await tx`select public.scope_session(${session}, ${scopedTo.purchase_id})`;
			await as('authenticated', owner.id, { sessionId: session });
			expect(await visible(tx, name)).toBe(false);
		});
	});

	it('no client role can write to Storage’s buckets', async () => {
		for (const role of ['anon', 'authenticated'] as const) {
			await inRollback(sql, async (tx, as) => {
				const product = await productBySlug(tx, 'sourdough-field-guide');
				await as(role, role === 'authenticated' ? (await insertUser(tx)).id : undefined);
				await expect(
					tx`insert into storage.objects (bucket_id, name) values ('files', ${`${product.id}/x/y.pdf`})`
				).rejects.toThrow(/row-level security/);
			});
		}
	});
});
