// The email outbox (public.email_outbox), sent through Supabase Auth: every email the store sends
// on its own behalf is a sign-in email (the link and the 6-digit code) whose content the Send Email
// Hook (`send-email`) chooses from its redirect: a purchase (`?purchase=<id>`), a membership's
// welcome (`?membership=<id>`) or a membership notice (`&notice=<kind>`). Shared by the store's
// server (its worker and the return from Checkout), `npm run reconcile` and the `reconcile`
// function: a claim is atomic in SQL, so however many senders run, each email goes out once. Why
// a purchase's email waits for the buyer's return: docs/architecture.md. The webhook records a
// purchase without an account; the email to a buyer who never came back makes it first.
import type { SupabaseClient } from '@supabase/supabase-js';
import type { Sql } from 'postgres';
import { confirmRedirect } from './email-link.ts';
import { ensureBuyer, type FulfilmentDeps } from './fulfilment.ts';
import { asServiceRole } from './service-role.ts';

/** `sql`, and Supabase Auth's admin API for the account of a purchase whose buyer did not return. */
export interface OutboxDeps extends FulfilmentDeps {
	/** Supabase Auth as a visitor: the publishable key, no session kept (it sends the emails). */
	visitorAuth: SupabaseClient['auth'];
	/** The store's public URL, for the email's link. */
	storeUrl: string;
}

export type EmailKind =
	'purchase' | 'membership' | 'payment_failed' | 'trial_ending' | 'membership_ended';

interface QueuedEmail {
	key: string;
	kind: EmailKind;
	email: string;
	about: string;
}

type AuthError = { status?: number; message?: string } | null;

/** Seconds Supabase Auth asks us to wait ("you can only request this after N seconds"), if it did. */
export function retryAfterSeconds(error: AuthError): number | undefined {
	if (error?.status !== 429) return undefined;
	const seconds = Number(/after (\d+) seconds?/.exec(error.message ?? '')?.[1]);
	return Number.isFinite(seconds) ? seconds + 1 : 60;
}

/** Where an email's link lands after sign-in, and what it tells the hook to say. */
export function emailRedirect(storeUrl: string, kind: EmailKind, about: string, slug?: string) {
	if (kind === 'purchase') {
		return `${confirmRedirect(storeUrl, `/products/${slug}/read`)}?purchase=${about}`;
	}
	if (kind === 'membership') return `${confirmRedirect(storeUrl, '/library')}?membership=${about}`;
	return `${confirmRedirect(storeUrl, '/account')}?membership=${about}&notice=${kind}`;
}

/** Asks Supabase Auth for the email of one purchase or claim. */
export function sendPurchaseEmail(
	deps: Pick<OutboxDeps, 'visitorAuth' | 'storeUrl'>,
	email: string,
	slug: string,
	purchaseId: string
) {
	return deps.visitorAuth.signInWithOtp({
		email,
		options: {
			shouldCreateUser: false,
			emailRedirectTo: emailRedirect(deps.storeUrl, 'purchase', purchaseId, slug)
		}
	});
}

/** The account an email goes to (Supabase Auth sends to accounts only) and the product's slug. */
async function recipient(deps: OutboxDeps, row: QueuedEmail) {
	if (row.kind === 'purchase') {
		const [purchase] = await deps.sql<
			{ slug: string; user_id: string | null; session_id: string | null }[]
		>`
			select p.slug, pu.user_id, pu.stripe_checkout_session_id as session_id
			from public.purchases pu join public.products p on p.id = pu.product_id
			where pu.id = ${row.about}`;
		if (!purchase) return { userId: null };
		// The webhook records a purchase without its account (fulfilment.ts): for a buyer who did
		// not come back, the account is made now, remembering its checkout as the return would.
		const buyer = purchase.user_id
			? { id: purchase.user_id }
			: await ensureBuyer(deps, row.email, null, purchase.session_id);
		return { userId: buyer.id, slug: purchase.slug };
	}
	const [member] = await deps.sql<{ user_id: string | null }[]>`
		select user_id from public.memberships where stripe_subscription_id = ${row.about}`;
	return { userId: member?.user_id ?? null, slug: undefined };
}

/** Asks Supabase Auth for one queued email, making the buyer's account first if need be. */
async function send(deps: OutboxDeps, row: QueuedEmail): Promise<{ error: AuthError }> {
	let found;
	try {
		found = await recipient(deps, row);
	} catch (cause) {
		// Supabase Auth could not make the account (unreachable, say): try again in a moment.
		return { error: { status: 503, message: (cause as Error).message } };
	}
	// A membership's account is made right after its subscription is recorded; until then there
	// is no one to email, so try again in a moment.
	if (!found.userId) return { error: { status: 425, message: 'the account is not linked yet' } };
	return deps.visitorAuth.signInWithOtp({
		email: row.email,
		options: {
			shouldCreateUser: false,
			emailRedirectTo: emailRedirect(deps.storeUrl, row.kind, row.about, found.slug)
		}
	});
}

/** Sends one claimed email and ends the claim: sent, or rescheduled with why. */
async function deliver(deps: OutboxDeps, row: QueuedEmail, claimer: string): Promise<boolean> {
	const { error } = await send(deps, row);
	const soon = error?.status === 425 || error?.status === 503 ? 2 : undefined;
	const wait = retryAfterSeconds(error) ?? soon;
	await asServiceRole(
		deps.sql,
		(tx) => tx`select public.finish_email(${row.key}, ${claimer}, ${!error},
			${error?.message ?? null}, ${error ? new Date(Date.now() + (wait ?? 60) * 1000) : null})`
	);
	if (error && wait !== undefined) {
		// Expected right after a return-path login: Supabase Auth spaces emails to one address.
		console.info(`${row.kind} email ${row.key} deferred ${wait} s`);
	} else if (error) {
		console.error(`${row.kind} email ${row.key} failed: ${error.message}`);
	}
	return !error;
}

/**
 * Takes one email for the caller (the buyer's return), whatever its schedule. False when it is
 * already sent or being sent: then the emailed token is out, and logging the browser in (which
 * replaces it) is no longer allowed.
 */
export async function claimEmail(sql: Sql, key: string, claimer: string) {
	const rows = await asServiceRole(
		sql,
		(tx) => tx`select 1 from public.claim_email(${key}, ${claimer})`
	);
	return rows.length > 0;
}

/** Sends an email the caller claimed. */
export async function sendClaimedEmail(deps: OutboxDeps, key: string, claimer: string) {
	const [row] = await deps.sql<QueuedEmail[]>`
		select key, kind, email, about from public.email_outbox where key = ${key}`;
	return deliver(deps, row, claimer);
}

/**
 * Sends every email that came due (a purchase's or a welcome whose buyer did not return within
 * `returnWindowSeconds`, a notice, a retry), in batches until none is left, `parallel` at a time.
 * Returns how many were sent.
 */
export async function sendDueEmails(
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
			(tx) => tx<
				QueuedEmail[]
			>`select key, kind, email, about from public.claim_due_emails(${claimer},
				${batch}, ${`${returnWindowSeconds} seconds`}::interval)`
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
