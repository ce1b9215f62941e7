// The purchase email's outbox (public.purchase_emails), sent through Supabase Auth: one email per
// purchase, with the login link and the 6-digit code; the Send Email Hook (`send-email`) names
// the purchase given in the redirect (`?purchase=<id>`). Shared by the store's server (its worker
// and the return from Checkout), `npm run reconcile` and the `reconcile` function: a claim is
// atomic in SQL, so however many senders run, each email goes out once. Why it waits for the
// buyer's return: docs/architecture.md.
import type { SupabaseClient } from '@supabase/supabase-js';
import type { Sql } from 'postgres';
import { confirmRedirect } from './email-link.ts';
import type { Columns } from './rows.ts';
import { asServiceRole } from './service-role.ts';

export interface OutboxDeps {
	sql: Sql;
	/** Supabase Auth as a visitor: the publishable key, no session kept (it sends the emails). */
	visitorAuth: SupabaseClient['auth'];
	/** The store's public URL, for the email's link. */
	storeUrl: string;
}

type QueuedEmail = Columns<'purchase_emails', 'stripe_checkout_session_id' | 'email'>;

type AuthError = { status?: number; message?: string } | null;

/** Seconds Supabase Auth asks us to wait ("you can only request this after N seconds"), if it did. */
export function retryAfterSeconds(error: AuthError): number | undefined {
	if (error?.status !== 429) return undefined;
	const seconds = Number(/after (\d+) seconds?/.exec(error.message ?? '')?.[1]);
	return Number.isFinite(seconds) ? seconds + 1 : 60;
}

/** Asks Supabase Auth for the email of one purchase or claim. */
export function sendPurchaseEmail(
	deps: Pick<OutboxDeps, 'visitorAuth' | 'storeUrl'>,
	email: string,
	slug: string,
	purchaseId: string
) {
	const redirectTo = confirmRedirect(deps.storeUrl, `/products/${slug}/read`);
	return deps.visitorAuth.signInWithOtp({
		email,
		options: { shouldCreateUser: false, emailRedirectTo: `${redirectTo}?purchase=${purchaseId}` }
	});
}

/** Sends one claimed email and ends the claim: sent, or rescheduled with why. */
async function deliver(deps: OutboxDeps, row: QueuedEmail, claimer: string): Promise<boolean> {
	const [purchase] = await deps.sql<
		(Columns<'purchases', 'id' | 'user_id'> & Columns<'products', 'slug'>)[]
	>`
		select pu.id, p.slug, pu.user_id from public.purchases pu
		join public.products p on p.id = pu.product_id
		where pu.stripe_checkout_session_id = ${row.stripe_checkout_session_id}`;
	// The account is created right after the purchase is recorded; until then there is no one to
	// email (Supabase Auth sends to accounts only), so try again in a moment.
	const { error }: { error: AuthError } = purchase.user_id
		? await sendPurchaseEmail(deps, row.email, purchase.slug, purchase.id)
		: { error: { status: 425, message: 'the account is not linked yet' } };
	const wait = retryAfterSeconds(error) ?? (error?.status === 425 ? 2 : undefined);
	await asServiceRole(
		deps.sql,
		(tx) => tx`select public.finish_purchase_email(${row.stripe_checkout_session_id}, ${claimer},
			${!error}, ${error?.message ?? null},
			${error ? new Date(Date.now() + (wait ?? 60) * 1000) : null})`
	);
	if (error && wait !== undefined) {
		// Expected right after a return-path login: Supabase Auth spaces emails to one address.
		console.info(`purchase email for ${row.stripe_checkout_session_id} deferred ${wait} s`);
	} else if (error) {
		console.error(`purchase email for ${row.stripe_checkout_session_id} failed: ${error.message}`);
	}
	return !error;
}

/**
 * Takes one purchase's email for the caller (the buyer's return), whatever its schedule. False
 * when it is already sent or being sent: then the emailed token is out, and logging the browser
 * in (which replaces it) is no longer allowed.
 */
export async function claimPurchaseEmail(sql: Sql, sessionId: string, claimer: string) {
	const rows = await asServiceRole(
		sql,
		(tx) => tx`select 1 from public.claim_purchase_email(${sessionId}, ${claimer})`
	);
	return rows.length > 0;
}

/** Sends an email the caller claimed. */
export async function sendClaimedPurchaseEmail(
	deps: OutboxDeps,
	sessionId: string,
	claimer: string
) {
	const [row] = await deps.sql<QueuedEmail[]>`
		select stripe_checkout_session_id, email from public.purchase_emails
		where stripe_checkout_session_id = ${sessionId}`;
	return deliver(deps, row, claimer);
}

/**
 * Sends every purchase email that came due (its buyer did not return within `returnWindowSeconds`,
 * or a retry), in batches until none is left, `parallel` at a time. Returns how many were sent.
 */
export async function sendDuePurchaseEmails(
	deps: OutboxDeps,
	claimer: string,
	{
		returnWindowSeconds,
		batch = 50,
		parallel = 10
	}: { returnWindowSeconds: number; batch?: number; parallel?: number }
): Promise<number> {
	let sent = 0;
	for (;;) {
		const due = await asServiceRole(
			deps.sql,
			(tx) => tx<QueuedEmail[]>`select * from public.claim_due_purchase_emails(${claimer}, ${batch},
				${`${returnWindowSeconds} seconds`}::interval)`
		);
		for (let i = 0; i < due.length; i += parallel) {
			const outcomes = await Promise.all(
				due.slice(i, i + parallel).map((row) => deliver(deps, row, claimer).catch(() => false))
			);
			sent += outcomes.filter(Boolean).length;
		}
		if (due.length < batch) return sent;
	}
}
