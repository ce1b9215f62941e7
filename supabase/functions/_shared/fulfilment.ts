// Recording a purchase or a claim, and the buyer's account. Shared by the webhook (Deno) and the
// store's server (Node). The purchase is recorded first, before any account exists, so an account
// is only ever created for a purchase already recorded. The webhook only records: creating an
// account costs Supabase Auth a bcrypt hash of a random password, which would bound the webhook's
// rate. The account (confirmed, passwordless, linked to every purchase made with its address) is
// made where it is needed: the buyer's return, the purchase email, a login request, a claim.
import type { SupabaseClient } from '@supabase/supabase-js';
import type { Sql, TransactionSql } from 'postgres';
import type { PaidCheckout } from './checkout.ts';
import type { Nullable, Returned } from './rows.ts';
import { asServiceRole } from './service-role.ts';

export interface FulfilmentDeps {
	/** A connection with rights to switch to service_role (the database owner's). */
	sql: Sql;
	/** Supabase Auth with the secret (service role) key. */
	auth: SupabaseClient['auth']['admin'];
}

export interface Buyer {
	id: string;
	/** The checkout whose fulfilment created this account, if one did. */
	createdByCheckout: string | null;
}

/** A purchase as recorded, before its account is ensured. */
export interface Recorded {
	purchaseId: string;
	/** True for the one call that recorded it (and queued its email). */
	first: boolean;
	buyer: Buyer | null;
}

export interface Fulfilment {
	purchaseId: string;
	first: boolean;
	buyer: Buyer;
}

/** SQLSTATE of the fulfilment functions' "no such product": a permanent error, not a retry. */
export const UNKNOWN_PRODUCT = 'P0002';

/**
 * Records a paid checkout once (idempotent per Checkout Session), in the caller's transaction.
 * `paidAt` (the completion event's time) starts the purchase email's wait for the buyer's return.
 */
export async function recordCheckout(
	tx: TransactionSql,
	c: PaidCheckout,
	paidAt = new Date()
): Promise<Recorded> {
	// Typed never null by the generator; null while the address has no account (see the top).
	const [row] = await tx<
		Nullable<Returned<'fulfil_checkout'>, 'user_id' | 'account_created_by_checkout'>[]
	>`select * from public.fulfil_checkout(${c.sessionId}, ${c.productId}, ${c.email},
		${c.amountTotal}, ${c.currency}, ${c.paymentIntentId}, ${paidAt})`;
	return {
		purchaseId: row.purchase_id,
		first: row.first_fulfilment,
		buyer: row.user_id
			? { id: row.user_id, createdByCheckout: row.account_created_by_checkout }
			: null
	};
}

async function findBuyer(sql: Sql, email: string): Promise<Buyer | undefined> {
	// auth.users is not in the generated (public) types.
	const [row] = await sql<{ id: string; created_by_checkout: string | null }[]>`
		select id, raw_app_meta_data ->> 'created_by_checkout' as created_by_checkout
		from auth.users where lower(email) = ${email} and deleted_at is null`;
	return row && { id: row.id, createdByCheckout: row.created_by_checkout };
}

/**
 * The account that owns a recorded purchase: the one it was linked to, or a new one for its
 * address (remembering the checkout that created it, if any), linked to it and to every other
 * purchase recorded for that address.
 */
export async function ensureBuyer(
	deps: FulfilmentDeps,
	email: string,
	existing: Buyer | null,
	createdByCheckout: string | null
): Promise<Buyer> {
	if (existing) return existing;
	const { data, error } = await deps.auth.createUser({
		email,
		email_confirm: true,
		app_metadata: createdByCheckout ? { created_by_checkout: createdByCheckout } : {}
	});
	// Another delivery of the same purchase (or another purchase) created it a moment ago:
	// Supabase Auth answers 422 email_exists, or a 500 when both inserts raced.
	const buyer = data.user
		? { id: data.user.id, createdByCheckout }
		: await findBuyer(deps.sql, email);
	if (!buyer) {
		throw new Error(`could not create the account for a purchase: ${error?.message ?? 'no user'}`);
	}
	await asServiceRole(deps.sql, (tx) => tx`select public.link_purchases(${buyer.id})`);
	return buyer;
}

/**
 * The account of an address whose recorded purchases have none yet (bought, not yet returned,
 * not yet emailed), so a login link can be sent to it; null for any other address, which gets no
 * account.
 */
export async function ensureAccountOfRecordedPurchases(
	deps: FulfilmentDeps,
	email: string
): Promise<Buyer | null> {
	const unlinked = await deps.sql`
		select 1 from public.purchases where email = ${email.toLowerCase()} and user_id is null limit 1`;
	return unlinked.length > 0 ? ensureBuyer(deps, email.toLowerCase(), null, null) : null;
}

/** Records a paid checkout and ensures its buyer's account: what the return handler does. */
export async function fulfilCheckout(
	deps: FulfilmentDeps,
	checkout: PaidCheckout
): Promise<Fulfilment> {
	const recorded = await asServiceRole(deps.sql, (tx) => recordCheckout(tx, checkout));
	const buyer = await ensureBuyer(deps, checkout.email, recorded.buyer, checkout.sessionId);
	return { purchaseId: recorded.purchaseId, first: recorded.first, buyer };
}

/** Records a claim of a free item for an address (once) and ensures the account. */
export async function claimFreeProduct(
	deps: FulfilmentDeps,
	productId: string,
	email: string
): Promise<Fulfilment> {
	const [row] = await asServiceRole(
		deps.sql,
		(tx) => tx<Nullable<Returned<'claim_free_product'>, 'user_id'>[]>`
			select * from public.claim_free_product(${productId}, ${email})`
	);
	const recorded: Recorded = {
		purchaseId: row.purchase_id,
		first: row.first_claim,
		buyer: row.user_id ? { id: row.user_id, createdByCheckout: null } : null
	};
	const buyer = await ensureBuyer(deps, email, recorded.buyer, null);
	return { purchaseId: recorded.purchaseId, first: recorded.first, buyer };
}
