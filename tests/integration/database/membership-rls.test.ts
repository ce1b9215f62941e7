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

/** Membership in the one ownership rule: who reads what, as SQL sees it under RLS. */
const sql = adminSql();
afterAll(() => sql.end());

async function membership(
	tx: Tx,
	user: { id: string; email: string },
	status: string,
	graceEndsAt: Date | null = null
) {
	const id = `sub_test${randomUUID().replaceAll('-', '')}`;
	await tx`insert into public.memberships
		(stripe_subscription_id, user_id, email, stripe_customer_id, stripe_price_id, status, grace_ends_at)
		values (${id}, ${user.id}, ${user.email}, ${`cus_${id.slice(4)}`}, 'price_test', ${status}, ${graceEndsAt})`;
	return id;
}

const readable = async (tx: Tx) =>
	(await tx`select c.product_id from public.product_content c`).length;
const published = async (tx: Tx) =>
	(await tx`select count(*)::int as n from public.products where published`)[0].n;

describe('a membership opens the catalogue', () => {
	it('a member reads every published product; a former member, a non-member and anon read none', async () => {
		await inRollback(sql, async (tx, as) => {
			const all = await published(tx);
			const member = await insertUser(tx);
			const former = await insertUser(tx);
			const stranger = await insertUser(tx);
			await membership(tx, member, 'active');
			await membership(tx, former, 'canceled');
			await as('authenticated', member.id);
			expect(await readable(tx)).toBe(all);
			await as('authenticated', former.id);
			expect(await readable(tx)).toBe(0);
			await as('authenticated', stranger.id);
			expect(await readable(tx)).toBe(0);
			await as('anon');
			expect(await readable(tx)).toBe(0);
		});
	});

	it('a trial opens it; past due opens it within the grace period only; unpaid and expired do not', async () => {
		const cases: [string, Date | null, boolean][] = [
			['trialing', null, true],
			['past_due', new Date(Date.now() + 86_400_000), true],
			['past_due', new Date(Date.now() - 1000), false],
			['unpaid', null, false],
			['incomplete', null, false],
			['incomplete_expired', null, false]
		];
		for (const [status, grace, reads] of cases) {
			await inRollback(sql, async (tx, as) => {
				const user = await insertUser(tx);
				await membership(tx, user, status, grace);
				await as('authenticated', user.id);
				expect((await readable(tx)) > 0, `${status}, grace ${grace?.toISOString()}`).toBe(reads);
			});
		}
	});

	it('what a former member bought outright stays; the rest goes', async () => {
		await inRollback(sql, async (tx, as) => {
			const user = await insertUser(tx);
			const bought = await productBySlug(tx, 'sourdough-field-guide');
			await fulfil(tx, user.id, user.email, bought.id);
			await membership(tx, user, 'canceled');
			await as('authenticated', user.id);
			expect(
				(await tx`select product_id from public.product_content`).map((r) => r.product_id)
			).toEqual([bought.id]);
		});
	});

	it('only published products: a draft stays the seller’s', async () => {
		await inRollback(sql, async (tx, as) => {
			const user = await insertUser(tx);
			await membership(tx, user, 'active');
			await tx`update public.products set published = false where slug = 'night-photography'`;
			const draft = await productBySlug(tx, 'night-photography');
			await as('authenticated', user.id);
			expect(
				await tx`select 1 from public.product_content where product_id = ${draft.id}`
			).toHaveLength(0);
		});
	});

	it('a session scoped to another checkout, or signed in by password, does not get the membership', async () => {
		await inRollback(sql, async (tx, as) => {
			const user = await insertUser(tx);
			const id = await membership(tx, user, 'active');
			const bought = await productBySlug(tx, 'sourdough-field-guide');
			const purchase = await fulfil(tx, user.id, user.email, bought.id);
			const scopedToPurchase = randomUUID();
			await tx`select public.scope_session(${scopedToPurchase}, ${purchase.purchase_id})`;
			await as('authenticated', user.id, { sessionId: scopedToPurchase });
			expect(await readable(tx)).toBe(1);

			const scopedToMembership = randomUUID();
			await tx`reset role`;
			await tx`select public.scope_session_to_membership(${scopedToMembership}, ${id})`;
			await as('authenticated', user.id, { sessionId: scopedToMembership });
			expect(await readable(tx)).toBe(await published(tx));

			await as('authenticated', user.id, { method: 'password' });
			expect(await readable(tx)).toBe(0);
		});
	});

	it('memberships are the member’s own to see, and nobody’s to write', async () => {
		await inRollback(sql, async (tx, as) => {
			const user = await insertUser(tx);
			const other = await insertUser(tx);
			await membership(tx, user, 'active');
			await as('authenticated', other.id);
			expect(await tx`select 1 from public.memberships`).toHaveLength(0);
			await as('authenticated', user.id);
			expect(await tx`select 1 from public.memberships`).toHaveLength(1);
			await expect(tx`update public.memberships set status = 'active'`).rejects.toThrow(
				/permission denied/
			);
		});
	});
});

describe('plans', () => {
	it('anon and buyers see the plans and prices on offer; only a seller sees archived ones', async () => {
		await inRollback(sql, async (tx, as) => {
			const [offered, archived] = await tx<{ id: string }[]>`
				insert into public.plans (name, description, stripe_product_id, archived_at)
				values ('Offered', '', 'prod_rls_offered', null), ('Archived', '', 'prod_rls_archived', now())
				returning id`;
			await tx`insert into public.plan_prices (plan_id, interval, currency, unit_amount, trial_days, stripe_price_id, active)
				values (${offered.id}, 'month', 'eur', 900, 0, 'price_rls_offered', true),
					(${archived.id}, 'month', 'eur', 900, 0, 'price_rls_archived', false)`;
			const seen = async () => ({
				plans: (await tx`select id from public.plans where id in (${offered.id}, ${archived.id})`)
					.length,
				prices: (
					await tx`select id from public.plan_prices where plan_id in (${offered.id}, ${archived.id})`
				).length
			});
			const buyer = await insertUser(tx);
			const seller = await insertUser(tx);
			await tx`update auth.users set raw_app_meta_data = raw_app_meta_data || '{"role":"admin"}'
				where id = ${seller.id}`;
			await as('anon');
			expect(await seen()).toEqual({ plans: 1, prices: 1 });
			await as('authenticated', buyer.id);
			expect(await seen()).toEqual({ plans: 1, prices: 1 });
			await as('authenticated', seller.id);
			expect(await seen()).toEqual({ plans: 2, prices: 2 });
		});
	});
});
