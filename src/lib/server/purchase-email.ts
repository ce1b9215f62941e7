import { hostname } from 'node:os';
import * as outbox from '$shared/purchase-emails.ts';
import { config } from './config';
import { db } from './db';
import { statelessClient } from './supabase';

/** The store's side of the purchase-email outbox (supabase/functions/_shared/purchase-emails.ts). */
const deps = (): outbox.OutboxDeps => ({
	sql: db(),
	visitorAuth: statelessClient().auth,
	storeUrl: config().ORIGIN
});

const workerId = `${hostname()}:${process.pid}`;

export const sendPurchaseEmail = (email: string, slug: string, purchaseId: string) =>
	outbox.sendPurchaseEmail(deps(), email, slug, purchaseId);

/** Takes this purchase's email for the buyer's return; the claimer, or undefined when it is gone. */
export async function claimPurchaseEmail(sessionId: string): Promise<string | undefined> {
	const claimer = `return:${workerId}:${crypto.randomUUID()}`;
	return (await outbox.claimPurchaseEmail(db(), sessionId, claimer)) ? claimer : undefined;
}

export const sendClaimedPurchaseEmail = (sessionId: string, claimer: string) =>
	outbox.sendClaimedPurchaseEmail(deps(), sessionId, claimer);

export const sendDuePurchaseEmails = () =>
	outbox.sendDuePurchaseEmails(deps(), `worker:${workerId}`, {
		returnWindowSeconds: config().PURCHASE_RETURN_WINDOW_SECONDS
	});

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
