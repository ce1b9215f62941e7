import { hostname } from 'node:os';
import * as outbox from '$shared/outbox.ts';
import { config } from './config';
import { db } from './db';
import { adminClient, statelessClient } from './supabase';

/** The store's side of the email outbox (supabase/functions/_shared/outbox.ts). */
const deps = (): outbox.OutboxDeps => ({
	sql: db(),
	auth: adminClient().auth.admin,
	visitorAuth: statelessClient().auth,
	storeUrl: config().ORIGIN
});

const workerId = `${hostname()}:${process.pid}`;

export const sendPurchaseEmail = (email: string, slug: string, purchaseId: string) =>
	outbox.sendPurchaseEmail(deps(), email, slug, purchaseId);

/**
 * Takes the email of a checkout (a purchase's, a membership's welcome) for the buyer's return;
 * the claimer, or undefined when it is gone.
 */
export async function claimCheckoutEmail(sessionId: string): Promise<string | undefined> {
	const claimer = `return:${workerId}:${crypto.randomUUID()}`;
	return (await outbox.claimEmail(db(), sessionId, claimer)) ? claimer : undefined;
}

export const sendClaimedEmail = (sessionId: string, claimer: string) =>
	outbox.sendClaimedEmail(deps(), sessionId, claimer);

export const sendDueEmails = () =>
	outbox.sendDueEmails(deps(), `worker:${workerId}`, {
		returnWindowSeconds: config().PURCHASE_RETURN_WINDOW_SECONDS
	});

let timer: ReturnType<typeof setInterval> | undefined;

export function stopPurchaseEmailWorker() {
	clearInterval(timer);
	timer = undefined;
}

/** Polls for due emails while the server runs (one tick at a time). */
export function startPurchaseEmailWorker() {
	if (timer) return;
	let busy = false;
	timer = setInterval(async () => {
		if (busy) return;
		busy = true;
		try {
			await sendDueEmails();
		} catch (error) {
			console.error('purchase email worker:', (error as Error).message);
		} finally {
			busy = false;
		}
	}, config().PURCHASE_EMAIL_POLL_SECONDS * 1000);
	timer.unref();
}
