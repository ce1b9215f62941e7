import type { Aliased, Columns } from '$shared/rows.ts';
import { asAdmin } from '../admin';

/** The billing audit log: every Stripe event the webhook (or reconciliation) recorded. */

export type AuditEntry = Aliased<
	'stripe_events',
	| 'id'
	| 'type'
	| 'object_id'
	| 'received_at'
	| 'processed_at'
	| 'outcome'
	| 'detail'
	| 'deliveries'
	| 'last_error'
>;

export interface AuditFilter {
	type?: string;
	outcome?: string;
	from?: Date;
	/** Exclusive. */
	to?: Date;
	/** The events of one order: its Checkout Session and its payment. */
	order?: { sessionId: string | null; paymentIntentId: string | null };
	/** Older than this entry (keyset pagination). */
	before?: { receivedAt: Date; id: string };
}

export const OUTCOMES = [
	'fulfilled',
	'already-fulfilled',
	'revoked',
	'restored',
	'unchanged',
	'ignored',
	'reconciled',
	'failed'
] as const;

export async function auditLog(user: SessionUser, filter: AuditFilter, limit = 50) {
	return asAdmin(user, (sql) => {
		const order = filter.order;
		return sql<AuditEntry[]>`
			select id, type, object_id as "objectId", received_at as "receivedAt",
				processed_at as "processedAt", outcome, detail, deliveries, last_error as "lastError"
			from public.stripe_events
			where true
				${filter.type ? sql`and type = ${filter.type}` : sql``}
				${filter.outcome ? sql`and outcome = ${filter.outcome}` : sql``}
				${filter.from ? sql`and received_at >= ${filter.from}` : sql``}
				${filter.to ? sql`and received_at < ${filter.to}` : sql``}
				${
					order
						? sql`and (object_id = ${order.sessionId ?? ''} or payment_intent_id = ${order.paymentIntentId ?? ''})`
						: sql``
				}
				${filter.before ? sql`and (received_at, id) < (${filter.before.receivedAt}, ${filter.before.id})` : sql``}
			order by received_at desc, id desc
			limit ${limit}`;
	});
}

/** The event types the log holds, for its filter. */
export async function loggedTypes(user: SessionUser): Promise<string[]> {
	const rows = await asAdmin(
		user,
		(sql) => sql<Columns<'stripe_events', 'type'>[]>`
			select distinct type from public.stripe_events order by type`
	);
	return rows.map((r) => r.type);
}
