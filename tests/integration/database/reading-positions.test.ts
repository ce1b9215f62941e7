import { afterAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import {
	adminSql,
	fulfil,
	inRollback,
	insertUser,
	productBySlug,
	type Tx
} from '../../support/db.ts';

const sql = adminSql();
afterAll(() => sql.end());

const slug = 'sourdough-field-guide';

interface Saved {
	fraction: number;
	anchor: string | null;
	device_updated_at: Date;
	applied: boolean;
}

const save = async (tx: Tx, productId: string, fraction: number, at: string, anchor = 'h-one') =>
	(
		await tx<Saved[]>`
			select * from public.save_reading_position(${productId}, ${fraction}, ${anchor}, ${at}::timestamptz)`
	)[0];

const positions = (tx: Tx) =>
	tx<{ product_id: string; fraction: number }[]>`
		select product_id, fraction from public.reading_positions`;

/** A buyer of the seed's sourdough guide, acting as themself. */
async function reader(tx: Tx) {
	const user = await insertUser(tx);
	const product = await productBySlug(tx, slug);
	const purchase = await fulfil(tx, user.id, user.email, product.id);
	return { user, product, purchase };
}

describe('reading positions', () => {
	it('the newest position by the device clock wins, whatever order the devices report in', async () => {
		await inRollback(sql, async (tx, as) => {
			const { user, product } = await reader(tx);
			await as('authenticated', user.id);
			expect(await save(tx, product.id, 0.5, '2026-11-01T10:00:00Z')).toMatchObject({
				fraction: 0.5,
				applied: true
			});
			// A device that read further later, then one replaying an older position it made offline.
			expect(await save(tx, product.id, 0.8, '2026-11-01T11:00:00Z', 'h-two')).toMatchObject({
				fraction: 0.8,
				anchor: 'h-two',
				applied: true
			});
			expect(await save(tx, product.id, 0.3, '2026-11-01T10:30:00Z')).toMatchObject({
				fraction: 0.8,
				anchor: 'h-two',
				applied: false
			});
			// The same report twice changes nothing.
			expect(await save(tx, product.id, 0.8, '2026-11-01T11:00:00Z', 'h-two')).toMatchObject({
				applied: false
			});
			expect(await positions(tx)).toEqual([{ product_id: product.id, fraction: 0.8 }]);
		});
	});

	it('a device clock ahead of the server counts as now, so it cannot hide later positions for long', async () => {
		await inRollback(sql, async (tx, as) => {
			const { user, product } = await reader(tx);
			await as('authenticated', user.id);
			const saved = await save(tx, product.id, 0.4, '2099-01-01T00:00:00Z');
			const [{ now }] = await tx<{ now: Date }[]>`select now()`;
			expect(saved.device_updated_at).toEqual(now);
		});
	});

	it('another user sees none of them and cannot write one for an item they do not own', async () => {
		await inRollback(sql, async (tx, as) => {
			const { user, product } = await reader(tx);
			const stranger = await insertUser(tx);
			await as('authenticated', user.id);
			await save(tx, product.id, 0.5, '2026-11-01T10:00:00Z');
			await as('authenticated', stranger.id);
			expect(await positions(tx)).toEqual([]);
			await expect(save(tx, product.id, 0.9, '2026-11-02T10:00:00Z')).rejects.toMatchObject({
				code: '42501'
			});
		});
	});

	it('nobody writes the table directly', async () => {
		await inRollback(sql, async (tx, as) => {
			const { user, product } = await reader(tx);
			await as('authenticated', user.id);
			await expect(
				tx`insert into public.reading_positions (user_id, product_id, fraction, device_updated_at)
					values (${user.id}, ${product.id}, 0.5, now())`
			).rejects.toThrow(/permission denied/);
		});
	});

	it('anon cannot call the function', async () => {
		await inRollback(sql, async (tx, as) => {
			const { product } = await reader(tx);
			await as('anon');
			await expect(save(tx, product.id, 0.5, '2026-11-01T10:00:00Z')).rejects.toThrow(
				/permission denied/
			);
		});
	});

	it('a refunded item hides its position and takes no new one', async () => {
		await inRollback(sql, async (tx, as) => {
			const { user, product } = await reader(tx);
			await as('authenticated', user.id);
			await save(tx, product.id, 0.5, '2026-11-01T10:00:00Z');
			await as('service_role');
			await tx`select public.settle_purchase('pi_test_1', 'refunded', 1200)`;
			await as('authenticated', user.id);
			expect(await positions(tx)).toEqual([]);
			await expect(save(tx, product.id, 0.6, '2026-11-02T10:00:00Z')).rejects.toMatchObject({
				code: '42501'
			});
		});
	});

	it('a session scoped to one checkout sees and writes the position of that item only', async () => {
		await inRollback(sql, async (tx, as) => {
			const { user, product, purchase } = await reader(tx);
			const other = await productBySlug(tx, 'night-photography');
			await fulfil(tx, user.id, user.email, other.id);
			await as('authenticated', user.id);
			await save(tx, other.id, 0.7, '2026-11-01T10:00:00Z');
			await as('service_role');
			const scoped = randomUUID();
			await tx`select public.scope_session(${scoped}, ${purchase.purchase_id})`;
			await as('authenticated', user.id, { sessionId: scoped });
			expect(await positions(tx)).toEqual([]);
			await save(tx, product.id, 0.2, '2026-11-01T10:00:00Z');
			expect(await positions(tx)).toEqual([{ product_id: product.id, fraction: 0.2 }]);
			await expect(save(tx, other.id, 0.9, '2026-11-02T10:00:00Z')).rejects.toMatchObject({
				code: '42501'
			});
		});
	});

	it('a password session (which the passwordless store never starts) writes nothing', async () => {
		await inRollback(sql, async (tx, as) => {
			const { user, product } = await reader(tx);
			await as('authenticated', user.id, { method: 'password' });
			await expect(save(tx, product.id, 0.5, '2026-11-01T10:00:00Z')).rejects.toMatchObject({
				code: '42501'
			});
		});
	});
});
