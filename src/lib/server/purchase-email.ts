import { hostname } from 'node:os';
import { confirmRedirect } from '$lib/email-link';
import { config } from './config';
import { asServiceRole, db } from './db';
import { statelessClient } from './supabase';

/**
 * The purchase email: one per purchase, carrying the login link and the 6-digit code, sent
 * through Supabase Auth, whose Send Email Hook (the `send-email` function) composes it and names
 * the purchase given in the redirect (`?purchase=<id>`). Rows come from
 * `public.purchase_emails`, queued by the first fulfilment; see docs/architecture.md for why it
 * waits for the buyer's return.
 */
interface QueuedEmail {
	stripe_checkout_session_id: string;
	email: string;
}

const workerId = `${hostname()}:${process.pid}`;

/** Seconds GoTrue asks us to wait ("you can only request this after N seconds"), if it did. */
export function retryAfterSeconds(
	error: { status?: number; message?: string } | null
): number | undefined {
	if (error?.status !== 429) return undefined;
	const seconds = Number(/after (\d+) seconds?/.exec(error.message ?? '')?.[1]);
	return Number.isFinite(seconds) ? seconds + 1 : 60;
}

/** Asks Supabase Auth for the email of one purchase or claim: the hook names it from `purchase`. */
export function sendPurchaseEmail(email: string, slug: string, purchaseId: string) {
	const redirectTo = confirmRedirect(config().ORIGIN, `/products/${slug}/read`);
	return statelessClient().auth.signInWithOtp({
		email,
		options: { shouldCreateUser: false, emailRedirectTo: `${redirectTo}?purchase=${purchaseId}` }
	});
}

async function deliver(row: QueuedEmail, claimer: string): Promise<boolean> {
	const [purchase] = await db()<{ id: string; slug: string; user_id: string | null }[]>`
		select pu.id, p.slug, pu.user_id from public.purchases pu
		join public.products p on p.id = pu.product_id
		where pu.stripe_checkout_session_id = ${row.stripe_checkout_session_id}`;
	// The account is created right after the purchase is recorded; until then there is no one to
	// email (Supabase Auth sends to accounts only), so try again in a moment.
	const { error } = purchase.user_id
		? await sendPurchaseEmail(row.email, purchase.slug, purchase.id)
		: { error: { status: 425, message: 'the account is not linked yet' } };
	const wait = retryAfterSeconds(error) ?? (error?.status === 425 ? 2 : undefined);
	await asServiceRole(
		(sql) => sql`select public.finish_purchase_email(${row.stripe_checkout_session_id}, ${claimer},
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
 * Takes this purchase's email for the caller (the buyer's return), whatever its schedule.
 * False when it is already sent or being sent: then the emailed token is out, and logging the
 * browser in (which replaces it) is no longer allowed.
 */
export async function claimPurchaseEmail(sessionId: string): Promise<string | undefined> {
	const claimer = `return:${workerId}:${crypto.randomUUID()}`;
	const rows = await asServiceRole(
		(sql) => sql`select 1 from public.claim_purchase_email(${sessionId}, ${claimer})`
	);
	return rows.length > 0 ? claimer : undefined;
}

/** Sends an email the caller claimed. */
export async function sendClaimedPurchaseEmail(sessionId: string, claimer: string) {
	const [row] = await db()<QueuedEmail[]>`
		select stripe_checkout_session_id, email from public.purchase_emails
		where stripe_checkout_session_id = ${sessionId}`;
	return deliver(row, claimer);
}

/** Sends every purchase email that came due (its buyer did not return in time, or a retry). */
export async function sendDuePurchaseEmails(limit = 20): Promise<number> {
	const claimer = `worker:${workerId}`;
	const window = `${config().PURCHASE_RETURN_WINDOW_SECONDS} seconds`;
	const due = await asServiceRole(
		(sql) =>
			sql<
				QueuedEmail[]
			>`select * from public.claim_due_purchase_emails(${claimer}, ${limit}, ${window}::interval)`
	);
	let sent = 0;
	for (const row of due) if (await deliver(row, claimer).catch(() => false)) sent++;
	return sent;
}

let timer: ReturnType<typeof setInterval> | undefined;

export function stopPurchaseEmailWorker() {
	clearInterval(timer);
	timer = undefined;
}

/** Polls for due purchase emails while the server runs (one tick at a time). */
export function startPurchaseEmailWorker() {
	if (timer) return;
	let busy = false;
	timer = setInterval(async () => {
		if (busy) return;
		busy = true;
		try {
			await sendDuePurchaseEmails();
		} catch (error) {
			console.error('purchase email worker:', (error as Error).message);
		} finally {
			busy = false;
		}
	}, config().PURCHASE_EMAIL_POLL_SECONDS * 1000);
	timer.unref();
}
