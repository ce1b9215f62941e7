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

const paid = 'sourdough-field-guide';
const free = 'clear-emails';

describe('products', () => {
	it('anon sees published products and no unpublished ones', async () => {
		await inRollback(sql, async (tx, as) => {
			await tx`update public.products set published = false where slug = 'night-photography'`;
			await as('anon');
			const slugs = (await tx`select slug from public.products`).map((r) => r.slug);
			expect(slugs).toContain(paid);
			expect(slugs).not.toContain('night-photography');
		});
	});

	it('no client role can change the catalogue', async () => {
		for (const role of ['anon', 'authenticated'] as const) {
			await inRollback(sql, async (tx, as) => {
				await as(role, role === 'authenticated' ? (await insertUser(tx)).id : undefined);
				await expect(
					tx`update public.products set price_cents = 1 where slug = ${paid}`
				).rejects.toThrow(/permission denied/);
			});
		}
	});
});

describe('product content', () => {
	it('anon reads no content, not even free content', async () => {
		await inRollback(sql, async (tx, as) => {
			await as('anon');
			expect(await tx`select product_id from public.product_content`).toHaveLength(0);
		});
	});

	it('a logged-in user without purchases reads nothing, not even a free item they did not claim', async () => {
		await inRollback(sql, async (tx, as) => {
			const user = await insertUser(tx);
			await as('authenticated', user.id);
			expect(await tx`select product_id from public.product_content`).toHaveLength(0);
		});
	});

	it('a claimed free item is read like a bought one', async () => {
		await inRollback(sql, async (tx, as) => {
			const user = await insertUser(tx);
			const freeProduct = await productBySlug(tx, free);
			await tx`select * from public.claim_free_product(${freeProduct.id}, ${user.email})`;
			await as('authenticated', user.id);
			const rows = await tx`select product_id from public.product_content`;
			expect(rows.map((r) => r.product_id)).toEqual([freeProduct.id]);
		});
	});

	it('the owner reads what they bought; another user does not', async () => {
		await inRollback(sql, async (tx, as) => {
			const owner = await insertUser(tx);
			const other = await insertUser(tx);
			const product = await productBySlug(tx, paid);
			await fulfil(tx, owner.id, owner.email, product.id);

			await as('authenticated', owner.id);
			expect(
				await tx`select 1 from public.product_content where product_id = ${product.id}`
			).toHaveLength(1);
			await as('authenticated', other.id);
			expect(
				await tx`select 1 from public.product_content where product_id = ${product.id}`
			).toHaveLength(0);
		});
	});

	it('a refunded purchase no longer opens the content', async () => {
		await inRollback(sql, async (tx, as) => {
			const owner = await insertUser(tx);
			const product = await productBySlug(tx, paid);
			await fulfil(tx, owner.id, owner.email, product.id);
			await tx`select public.set_purchase_status('pi_test_1', 'refunded')`;
			await as('authenticated', owner.id);
			expect(
				await tx`select 1 from public.product_content where product_id = ${product.id}`
			).toHaveLength(0);
		});
	});
});

describe('purchases', () => {
	it('the owner sees their purchase, another user and anon see none', async () => {
		await inRollback(sql, async (tx, as) => {
			const owner = await insertUser(tx);
			const other = await insertUser(tx);
			const product = await productBySlug(tx, paid);
			const { sessionId } = await fulfil(tx, owner.id, owner.email, product.id);

			await as('authenticated', owner.id);
			const mine = await tx`select stripe_checkout_session_id from public.purchases`;
			expect(mine.map((r) => r.stripe_checkout_session_id)).toEqual([sessionId]);
			await as('authenticated', other.id);
			expect(await tx`select 1 from public.purchases`).toHaveLength(0);
			await as('anon');
			await expect(tx`select 1 from public.purchases`).rejects.toThrow(/permission denied/);
		});
	});

	it('no client role can insert or update purchases, even their own', async () => {
		await inRollback(sql, async (tx, as) => {
			const owner = await insertUser(tx);
			const product = await productBySlug(tx, paid);
			await fulfil(tx, owner.id, owner.email, product.id);
			await as('authenticated', owner.id);
			await expect(
				tx`insert into public.purchases (user_id, product_id, stripe_checkout_session_id, email, amount_total, currency)
					values (${owner.id}, ${product.id}, 'cs_forged', ${owner.email}, 0, 'eur')`
			).rejects.toThrow(/permission denied/);
		});
		await inRollback(sql, async (tx, as) => {
			const owner = await insertUser(tx);
			const product = await productBySlug(tx, paid);
			await fulfil(tx, owner.id, owner.email, product.id);
			await tx`select public.set_purchase_status('pi_test_1', 'refunded')`;
			await as('authenticated', owner.id);
			await expect(tx`update public.purchases set status = 'paid'`).rejects.toThrow(
				/permission denied/
			);
		});
	});

	it('the unique constraint refuses a second row for one checkout session', async () => {
		await inRollback(sql, async (tx) => {
			const owner = await insertUser(tx);
			const product = await productBySlug(tx, paid);
			const { sessionId } = await fulfil(tx, owner.id, owner.email, product.id);
			await expect(
				tx`insert into public.purchases (user_id, product_id, stripe_checkout_session_id, email, amount_total, currency)
					values (${owner.id}, ${product.id}, ${sessionId}, ${owner.email}, 1200, 'eur')`
			).rejects.toThrow(/purchases_stripe_checkout_session_id_key/);
		});
	});
});

describe('the fulfilment function', () => {
	it('is idempotent: the first call records and queues one email, the rest report the same purchase', async () => {
		await inRollback(sql, async (tx, as) => {
			const owner = await insertUser(tx);
			const product = await productBySlug(tx, paid);
			await as('service_role');
			const first = await fulfil(tx, owner.id, owner.email, product.id, 'cs_test_same');
			const second = await fulfil(tx, owner.id, owner.email, product.id, 'cs_test_same');
			expect(first.first_fulfilment).toBe(true);
			expect(second).toEqual({ ...first, first_fulfilment: false });
			await tx`reset role`;
			expect(
				await tx`select 1 from public.purchases where stripe_checkout_session_id = 'cs_test_same'`
			).toHaveLength(1);
			expect(await tx`select 1 from public.email_outbox where key = 'cs_test_same'`).toHaveLength(
				1
			);
		});
	});

	it('is executable by service_role only', async () => {
		for (const role of ['anon', 'authenticated'] as const) {
			await inRollback(sql, async (tx, as) => {
				const owner = await insertUser(tx);
				const product = await productBySlug(tx, paid);
				await as(role, owner.id);
				await expect(fulfil(tx, owner.id, owner.email, product.id)).rejects.toThrow(
					/permission denied for function/
				);
			});
		}
	});

	it('the billing audit log is the sellers’ alone', async () => {
		await inRollback(sql, async (tx, as) => {
			await tx`select public.record_stripe_event('evt_test_audit', 't', false, '{}')`;
			await as('authenticated', (await insertUser(tx)).id);
			expect(await tx`select 1 from public.stripe_events`).toHaveLength(0);
			await as('anon');
			await expect(tx`select 1 from public.stripe_events`).rejects.toThrow(/permission denied/);
		});
	});

	it('the email outbox and the status functions are closed to clients', async () => {
		const attempts = [
			(tx: Tx) => tx`select 1 from public.email_outbox`,
			(tx: Tx) => tx`select public.set_purchase_status('pi_x', 'paid')`,
			(tx: Tx) => tx`select public.settle_purchase('pi_x', 'paid', 0)`,
			(tx: Tx) => tx`select public.fail_stripe_event('evt_x', 't', false, '{}', 'e')`,
			(tx: Tx) => tx`select public.record_stripe_event('evt_x', 't', false, '{}')`,
			(tx: Tx) => tx`select * from public.claim_due_emails('me', 10, '1 minute')`
		];
		for (const attempt of attempts) {
			await inRollback(sql, async (tx, as) => {
				await as('authenticated', (await insertUser(tx)).id);
				await expect(attempt(tx)).rejects.toThrow(/permission denied/);
			});
		}
	});
});

describe('sessions scoped to a checkout (the return from Checkout)', () => {
	const readable = async (tx: Tx) =>
		(
			await tx<{ slug: string }[]>`
			select p.slug from public.product_content c join public.products p on p.id = c.product_id
			order by p.slug`
		).map((r) => r.slug);

	it('see exactly the purchases of their own checkouts, before and after the owner buys more', async () => {
		await inRollback(sql, async (tx, as) => {
			const owner = await insertUser(tx);
			const mine = await fulfil(tx, owner.id, owner.email, (await productBySlug(tx, paid)).id);
			const scoped = randomUUID();
			await tx`select public.scope_session(${scoped}, ${mine.purchase_id})`;
			await fulfil(tx, owner.id, owner.email, (await productBySlug(tx, 'night-photography')).id);

			await as('authenticated', owner.id, { sessionId: scoped });
			expect(await readable(tx)).toEqual([paid]);
			expect(await tx`select id from public.purchases`).toEqual([{ id: mine.purchase_id }]);
			expect((await tx`select public.session_is_scoped() as s`)[0].s).toBe(true);

			// The address proven (a new session from the emailed code): the whole account.
			await as('authenticated', owner.id);
			expect(await readable(tx)).toEqual(['night-photography', paid]);
			expect((await tx`select public.session_is_scoped() as s`)[0].s).toBe(false);
		});
	});

	it('a scoped session that pays again sees that purchase too', async () => {
		await inRollback(sql, async (tx, as) => {
			const owner = await insertUser(tx);
			const first = await fulfil(tx, owner.id, owner.email, (await productBySlug(tx, paid)).id);
			const second = await fulfil(
				tx,
				owner.id,
				owner.email,
				(await productBySlug(tx, 'night-photography')).id
			);
			const scoped = randomUUID();
			await tx`select public.scope_session(${scoped}, ${first.purchase_id})`;
			await tx`select public.scope_session(${scoped}, ${second.purchase_id})`;
			await as('authenticated', owner.id, { sessionId: scoped });
			expect(await readable(tx)).toEqual(['night-photography', paid]);
		});
	});

	it('a session signed in with a password (set through the auth API) sees nothing: the store is passwordless', async () => {
		await inRollback(sql, async (tx, as) => {
			const owner = await insertUser(tx);
			await fulfil(tx, owner.id, owner.email, (await productBySlug(tx, paid)).id);
			await as('authenticated', owner.id, { method: 'password' });
			expect(await readable(tx)).toEqual([]);
			expect(await tx`select 1 from public.purchases`).toHaveLength(0);
			await as('authenticated', owner.id, { method: 'magiclink' });
			expect(await readable(tx)).toEqual([paid]);
		});
	});

	it('scopes are written by the server alone and read by nobody else', async () => {
		const attempts = [
			(tx: Tx) => tx`select 1 from public.session_scopes`,
			(tx: Tx) => tx`select public.scope_session(${randomUUID()}, ${randomUUID()})`
		];
		for (const attempt of attempts) {
			await inRollback(sql, async (tx, as) => {
				await as('authenticated', (await insertUser(tx)).id);
				await expect(attempt(tx)).rejects.toThrow(/permission denied/);
			});
		}
	});
});

describe('purchases recorded before their account', () => {
	it('wait unlinked, and link to the account of their address only', async () => {
		await inRollback(sql, async (tx, as) => {
			const product = await productBySlug(tx, paid);
			const email = `${randomUUID()}@example.test`;
			const [recorded] = await tx`
				select * from public.fulfil_checkout('cs_test_unlinked1', ${product.id}, ${email}, 1200, 'eur', null)`;
			expect(recorded.user_id).toBeNull();
			const stranger = await insertUser(tx);
			expect((await tx`select public.link_purchases(${stranger.id}) as n`)[0].n).toBe(0);
			const owner = await insertUser(tx, email);
			expect((await tx`select public.link_purchases(${owner.id}) as n`)[0].n).toBe(1);
			await as('authenticated', owner.id);
			expect(await tx`select 1 from public.product_content`).toHaveLength(1);
		});
	});

	it('refuse a product that does not exist, with a code the webhook answers 400 to', async () => {
		await inRollback(sql, async (tx) => {
			await expect(
				tx`select * from public.fulfil_checkout('cs_test_ghost1', ${randomUUID()}, 'a@b.test', 1, 'eur', null)`
			).rejects.toMatchObject({ code: 'P0002' });
		});
	});

	it('a free item is claimed once per address, and only a free, published one', async () => {
		await inRollback(sql, async (tx) => {
			const freeProduct = await productBySlug(tx, free);
			const [first] =
				await tx`select * from public.claim_free_product(${freeProduct.id}, 'Reader@Example.test')`;
			const [again] =
				await tx`select * from public.claim_free_product(${freeProduct.id}, 'reader@example.test')`;
			expect(first.first_claim).toBe(true);
			expect(again).toMatchObject({ purchase_id: first.purchase_id, first_claim: false });
			await expect(
				tx`select * from public.claim_free_product(${(await productBySlug(tx, paid)).id}, 'r@example.test')`
			).rejects.toMatchObject({ code: 'P0002' });
		});
	});
});
