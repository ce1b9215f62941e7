import type { PlanFormData } from '$lib/studio/plan-form';
import { minorUnits } from '$lib/studio/price';
import { asAdmin } from '../admin';
import { stripe } from '../stripe';

/**
 * Membership plans in the studio. Stripe holds the Product and its recurring Prices (a price never
 * changes there: a new amount is a new Price, the old one deactivated); the store keeps which
 * ones are on offer.
 */
export interface StudioPlan {
	id: string;
	name: string;
	description: string;
	archived: boolean;
	members: number;
	prices: { interval: string; currency: string; unitAmount: number; trialDays: number }[];
}

export function studioPlans(user: SessionUser) {
	return asAdmin(
		user,
		(sql) => sql<StudioPlan[]>`
			select pl.id, pl.name, pl.description, pl.archived_at is not null as archived,
				(select count(*)::int from public.memberships m
					join public.plan_prices pp on pp.stripe_price_id = m.stripe_price_id
					where pp.plan_id = pl.id and public.membership_grants_access(m.status, m.grace_ends_at)) as members,
				coalesce((select json_agg(json_build_object('interval', pp.interval, 'currency', pp.currency,
					'unitAmount', pp.unit_amount, 'trialDays', pp.trial_days) order by pp.interval)
					from public.plan_prices pp where pp.plan_id = pl.id and pp.active), '[]') as prices
			from public.plans pl order by pl.archived_at nulls first, pl.created_at`
	);
}

/** Creates the plan at Stripe and here; the prices typed become its recurring Prices. */
export async function createPlan(
	user: SessionUser,
	form: PlanFormData
): Promise<{ ok: true } | { ok: false; field: 'monthly' | 'yearly'; message: string }> {
	const amounts: { interval: 'month' | 'year'; amount: number }[] = [];
	for (const [interval, typed] of [
		['month', form.monthly],
		['year', form.yearly]
	] as const) {
		if (!typed) continue;
		const amount = minorUnits(typed, form.currency);
		const field = interval === 'month' ? 'monthly' : 'yearly';
		if (typeof amount !== 'number') return { ok: false, field, message: amount.error };
		if (amount <= 0) return { ok: false, field, message: 'A membership costs more than nothing.' };
		amounts.push({ interval, amount });
	}
	const product = await stripe().products.create({
		name: form.name,
		...(form.description && { description: form.description })
	});
	const prices = await Promise.all(
		amounts.map(({ interval, amount }) =>
			stripe().prices.create({
				product: product.id,
				currency: form.currency,
				unit_amount: amount,
				recurring: { interval }
			})
		)
	);
	await asAdmin(user, async (sql) => {
		const [{ id }] = await sql<{ id: string }[]>`
			select public.admin_save_plan(null, ${form.name}, ${form.description}, ${product.id}) as id`;
		for (const price of prices) {
			await sql`select public.admin_add_plan_price(${id}, ${price.recurring!.interval},
				${form.currency}, ${price.unit_amount!}, ${form.trialDays}, ${price.id})`;
		}
	});
	return { ok: true };
}

/** Archives a plan with members (they keep it; nobody new joins) or deletes one that never had any. */
export async function retirePlan(user: SessionUser, id: string) {
	const [row] = await asAdmin(
		user,
		(sql) => sql<{ done: string; product: string | null; prices: string[] }[]>`
			select public.admin_retire_plan(${id}) as done,
				(select stripe_product_id from public.plans where id = ${id}) as product,
				coalesce((select array_agg(stripe_price_id) from public.plan_prices where plan_id = ${id}), '{}') as prices`
	);
	// Stripe keeps its objects; they stop being offered there too.
	await Promise.all(row.prices.map((price) => stripe().prices.update(price, { active: false })));
	if (row.product) await stripe().products.update(row.product, { active: false });
	return row.done as 'archived' | 'deleted';
}
