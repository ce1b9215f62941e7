// Recording a paid checkout: find or create the buyer's account, then record the purchase once.
// Shared by the webhook (Deno) and the store's return handler (Node); both race to do it, and
// the unique checkout session id decides who records it.
import type { SupabaseClient } from '@supabase/supabase-js';
import type { Sql } from 'postgres';
import type { PaidCheckout } from './checkout.ts';

export interface FulfilmentDeps {
	/** A connection with rights to switch to service_role (the database owner's). */
	sql: Sql;
	/** Supabase Auth with the service role key. */
	auth: SupabaseClient['auth']['admin'];
}

export interface Buyer {
	id: string;
	/** The checkout whose fulfilment created this account, if one did. */
	createdByCheckout: string | null;
}

export interface Fulfilment {
	purchaseId: string;
	/** True for the one call that recorded the purchase (and queued its email). */
	first: boolean;
	buyer: Buyer;
}

async function findBuyer(sql: Sql, email: string): Promise<Buyer | undefined> {
	const [row] = await sql<{ id: string; created_by_checkout: string | null }[]>`
		select id, raw_app_meta_data ->> 'created_by_checkout' as created_by_checkout
		from auth.users where lower(email) = ${email} and deleted_at is null`;
	return row && { id: row.id, createdByCheckout: row.created_by_checkout };
}

/**
 * The account for an email, created (confirmed, passwordless) if none exists. The account
 * remembers which checkout created it: only that checkout's return may log a browser into it.
 */
export async function findOrCreateBuyer(deps: FulfilmentDeps, email: string, sessionId: string) {
	const existing = await findBuyer(deps.sql, email);
	if (existing) return existing;
	const { data, error } = await deps.auth.createUser({
		email,
		email_confirm: true,
		app_metadata: { created_by_checkout: sessionId }
	});
	if (data.user) return { id: data.user.id, createdByCheckout: sessionId };
	// Another delivery of the same purchase (or another purchase) created it a moment ago:
	// Supabase Auth answers 422 email_exists, or a 500 when both inserts raced.
	const raced = await findBuyer(deps.sql, email);
	if (raced) return raced;
	throw new Error(`could not create the account for a purchase: ${error?.message ?? 'no user'}`);
}

/** Records the purchase (idempotent per checkout session) as service_role. */
export async function fulfilCheckout(
	deps: FulfilmentDeps,
	checkout: PaidCheckout
): Promise<Fulfilment> {
	const buyer = await findOrCreateBuyer(deps, checkout.email, checkout.sessionId);
	const [row] = await deps.sql.begin(async (tx) => {
		await tx`set local role service_role`;
		return tx<{ purchase_id: string; first_fulfilment: boolean }[]>`
			select * from public.fulfil_checkout(
				${checkout.sessionId}, ${buyer.id}, ${checkout.productId}, ${checkout.email},
				${checkout.amountTotal}, ${checkout.currency}, ${checkout.paymentIntentId})`;
	});
	return { purchaseId: row.purchase_id, first: row.first_fulfilment, buyer };
}
