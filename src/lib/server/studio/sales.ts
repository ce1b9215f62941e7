import type postgres from 'postgres';
import type { Order } from '$lib/studio/order';
import type { Aliased, Column, With } from '$shared/rows.ts';
import { asAdmin } from '../admin';

export type { Order };

/** The seller's view of money: always per currency (amounts in different currencies never add up). */

export interface Range {
	from: Date;
	/** Exclusive. */
	to: Date;
}

/** Sums and counts, cast to int by the queries. */
type Totals = { revenue: number; units: number };

export type DayRevenue = Aliased<'purchases', 'currency'> & Totals & { day: string };

export type ProductSales = Aliased<'purchases', 'currency'> &
	Totals & { productId: Column<'products', 'id'>; title: Column<'products', 'title'> };

export type Losses = Aliased<'purchases', 'currency'> & {
	refunded: number;
	refundedAmount: number;
	disputed: number;
	disputedAmount: number;
};

const orderColumns = (sql: postgres.TransactionSql) => sql`
	pu.id, pu.created_at as "createdAt", pu.email, p.title, pu.amount_total as "amountTotal",
	pu.amount_refunded as "amountRefunded", pu.currency, pu.status,
	pu.stripe_checkout_session_id as "sessionId", pu.stripe_payment_intent_id as "paymentIntentId",
	coalesce((select sum(r.amount) from public.refund_requests r where r.purchase_id = pu.id), 0)
		> pu.amount_refunded as "refundPending"`;

/** Paid sales only: claims of free items are not revenue. */
export async function salesSummary(user: SessionUser, range: Range) {
	return asAdmin(user, async (sql) => {
		const inRange = sql`pu.source = 'checkout' and pu.created_at >= ${range.from} and pu.created_at < ${range.to}`;
		const [days, products, losses, newest] = await Promise.all([
			sql<DayRevenue[]>`
				select to_char(date_trunc('day', pu.created_at at time zone 'UTC'), 'YYYY-MM-DD') as day,
					pu.currency, sum(pu.amount_total - pu.amount_refunded)::int as revenue, count(*)::int as units
				from public.purchases pu where ${inRange}
				group by 1, 2 order by 1`,
			sql<ProductSales[]>`
				select p.id as "productId", p.title, pu.currency, count(*)::int as units,
					sum(pu.amount_total - pu.amount_refunded)::int as revenue
				from public.purchases pu join public.products p on p.id = pu.product_id
				where ${inRange}
				group by p.id, p.title, pu.currency order by revenue desc, p.title`,
			sql<Losses[]>`
				select pu.currency,
					count(*) filter (where pu.amount_refunded > 0)::int as refunded,
					coalesce(sum(pu.amount_refunded), 0)::int as "refundedAmount",
					count(*) filter (where pu.status = 'disputed')::int as disputed,
					coalesce(sum(pu.amount_total) filter (where pu.status = 'disputed'), 0)::int as "disputedAmount"
				from public.purchases pu where ${inRange}
				group by pu.currency having count(*) filter (where pu.amount_refunded > 0 or pu.status = 'disputed') > 0
				order by pu.currency`,
			sql<Order[]>`
				select ${orderColumns(sql)}
				from public.purchases pu join public.products p on p.id = pu.product_id
				where ${inRange} order by pu.created_at desc limit 20`
		]);
		return { days, products, losses, newest };
	});
}

export async function studioOrder(user: SessionUser, id: string): Promise<Order | undefined> {
	const [order] = await asAdmin(
		user,
		(sql) => sql<Order[]>`
			select ${orderColumns(sql)}
			from public.purchases pu join public.products p on p.id = pu.product_id
			where pu.id = ${id}`
	);
	return order;
}

/** Every order of a range, oldest first, in pages (the CSV export streams them). */
export async function* ordersInRange(user: SessionUser, range: Range, page = 500) {
	let after: { createdAt: Date; id: string } | undefined;
	for (;;) {
		const rows = await asAdmin(
			user,
			(sql) => sql<Order[]>`
				select ${orderColumns(sql)}
				from public.purchases pu join public.products p on p.id = pu.product_id
				where pu.source = 'checkout' and pu.created_at >= ${range.from} and pu.created_at < ${range.to}
					and ${after ? sql`(pu.created_at, pu.id) > (${after.createdAt}, ${after.id})` : sql`true`}
				order by pu.created_at, pu.id limit ${page}`
		);
		yield* rows;
		if (rows.length < page) return;
		after = rows[rows.length - 1];
	}
}

export type ReconcileRun = With<
	Aliased<
		'reconcile_runs',
		'started_at' | 'finished_at' | 'trigger' | 'checked' | 'changes' | 'error'
	>,
	// JSON in the table, as `reconcile` writes it.
	{ changes: { event: string; type: string; detail: string }[] }
>;

export async function lastReconcileRun(user: SessionUser): Promise<ReconcileRun | undefined> {
	const [run] = await asAdmin(
		user,
		(sql) => sql<ReconcileRun[]>`
			select started_at as "startedAt", finished_at as "finishedAt", trigger, checked, changes, error
			from public.reconcile_runs order by id desc limit 1`
	);
	return run;
}
