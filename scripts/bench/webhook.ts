// The webhook under load through the gateway, as Stripe reaches it: first-time
// `checkout.session.completed` events (each a new purchase of a new buyer, recorded; the account
// comes later, off the delivery's path), duplicates of one,
// and requests refused at the signature check (the floor of the gateway and the function).
import { uniqueEmail } from '@storefront/local-stack';
import type postgres from 'postgres';
import {
	completedEvent,
	control,
	deliver,
	paidSession,
	stripe,
	webhookSecret,
	webhookUrl
} from '../../tests/support/stripe.ts';
import { measure, type Load } from './load.ts';

/** Paid Checkout Sessions for distinct new buyers, `parallel` made at a time. */
async function paidSessions(productId: string, count: number, parallel = 10) {
	const sessions: Awaited<ReturnType<typeof paidSession>>[] = [];
	for (let i = 0; i < count; i += parallel) {
		const batch = Array.from({ length: Math.min(parallel, count - i) }, (_, j) =>
			paidSession(productId, uniqueEmail(`bench-hook-${i + j}`))
		);
		sessions.push(...(await Promise.all(batch)));
	}
	return sessions;
}

const signed = async (payload: string) => ({
	body: payload,
	signature: await stripe.webhooks.generateTestHeaderStringAsync({
		payload,
		secret: webhookSecret
	})
});

export interface WebhookLoads {
	firstTime: Load;
	duplicates: Load;
	refused: Load;
	firstTimeCount: number;
}

export async function webhookLoads(
	sql: postgres.Sql,
	firstTimeCount: number
): Promise<WebhookLoads> {
	const [product] = await sql<{ id: string }[]>`
		select id from public.products where slug = 'slow-mornings'`;
	await control('webhooks/pause'); // the emulator's own deliveries would race the bench's
	try {
		const sessions = await paidSessions(product.id, firstTimeCount);
		const deliveries = await Promise.all(sessions.map((s) => signed(completedEvent(s))));
		let next = 0;
		const firstTime = await measure(webhookUrl(), {
			amount: deliveries.length,
			requests: [
				{
					method: 'POST',
					setupRequest: (request) => {
						const delivery = deliveries[next++ % deliveries.length];
						return {
							...request,
							body: delivery.body,
							headers: {
								'content-type': 'application/json',
								'stripe-signature': delivery.signature
							}
						};
					}
				}
			]
		});
		const [{ fulfilled }] = await sql<{ fulfilled: number }[]>`
			select count(*)::int as fulfilled from public.purchases
			where stripe_checkout_session_id in ${sql(sessions.map((s) => s.id))}`;
		if (fulfilled !== sessions.length) {
			throw new Error(`only ${fulfilled} of ${sessions.length} first-time deliveries fulfilled`);
		}
		// The bench's buyers never come back: their emails would come due after the return
		// window, each making its account (a bcrypt hash in Supabase Auth), and load whatever runs
		// next on the machine. Nobody reads them; they are not part of the figure.
		await sql`delete from public.email_outbox
			where sent_at is null and key in ${sql(sessions.map((s) => s.id))}`;

		const one = await signed(completedEvent(sessions[0]));
		await (await deliver(one.body)).text();
		const headers = { 'content-type': 'application/json', 'stripe-signature': one.signature };
		const duplicates = await measure(webhookUrl(), { method: 'POST', body: one.body, headers });
		const refused = await measure(
			webhookUrl(),
			{ method: 'POST', body: one.body, headers: { 'stripe-signature': 't=1,v1=0' } },
			true
		);
		return { firstTime, duplicates, refused, firstTimeCount: sessions.length };
	} finally {
		// What the emulator held meanwhile (the bench delivered the completions itself) would be
		// sent on resume, hundreds of deliveries loading the machine under the next figures.
		await control('webhooks/drop');
		await control('webhooks/resume');
	}
}
