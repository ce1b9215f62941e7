import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type postgres from 'postgres';
import type Stripe from 'stripe';
import { purchaseStatus } from '../../../supabase/functions/_shared/stripe-events.ts';
import { control, stripe } from '../../support/stripe.ts';

/** Steps of the money tests: what happens at Stripe, and the store's view of it. */

export const bank = {
	/** The buyer's bank opens a dispute on the payment's charge. */
	dispute: async (paymentIntentId: string) => {
		const intent = await stripe.paymentIntents.retrieve(paymentIntentId);
		return (await control(`charges/${intent.latest_charge}/dispute`)) as { id: string };
	},
	closeDispute: (disputeId: string, status: 'won' | 'lost') =>
		control(`disputes/${disputeId}/close`, { status })
};

/** What Stripe holds for a payment: the status its purchase must have, and the refunded amount. */
export async function stripeTruth(paymentIntentId: string) {
	const intent = await stripe.paymentIntents.retrieve(paymentIntentId, {
		expand: ['latest_charge']
	});
	const charge = intent.latest_charge as Stripe.Charge;
	const disputes = (await stripe.disputes.list({ payment_intent: paymentIntentId })).data;
	return { status: purchaseStatus(charge, disputes), amountRefunded: charge.amount_refunded };
}

export async function storeView(sql: postgres.Sql, sessionId: string) {
	const [row] = await sql<{ status: string; amount_refunded: number; user_id: string | null }[]>`
		select status, amount_refunded, user_id from public.purchases
		where stripe_checkout_session_id = ${sessionId}`;
	return (
		row && { status: row.status, amountRefunded: row.amount_refunded, linked: row.user_id !== null }
	);
}

/** `npm run reconcile` as a seller runs it, with the store's settings and the given window. */
export async function runReconcile(since: Date, env: Record<string, string> = {}) {
	const { stdout } = await promisify(execFile)(
		process.execPath,
		['--env-file-if-exists=.env', 'scripts/reconcile.ts', '--since', since.toISOString()],
		{ env: { ...process.env, ...env } }
	);
	return stdout;
}

export async function allEventsOf(paymentIntentId: string, sessionId: string, since: number) {
	const found: Stripe.Event[] = [];
	for (const type of [
		'checkout.session.completed',
		'charge.refunded',
		'charge.dispute.created',
		'charge.dispute.closed'
	]) {
		for await (const event of stripe.events.list({ type, created: { gte: since }, limit: 100 })) {
			const object = event.data.object as { id: string; payment_intent?: string };
			if (object.id === sessionId || object.payment_intent === paymentIntentId) found.push(event);
		}
	}
	return found;
}
