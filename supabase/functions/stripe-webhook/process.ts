// Applies a verified Stripe event to the database, once. Every step is idempotent, so a
// redelivery, a retry after a failure half-way, or fifty concurrent copies change nothing more.
import type Stripe from 'stripe';
import { fulfilCheckout, type FulfilmentDeps } from '../_shared/fulfilment.ts';
import { actionFor } from '../_shared/stripe-events.ts';

export type Outcome =
	'duplicate' | 'fulfilled' | 'already-fulfilled' | 'status-changed' | 'ignored';

export async function processEvent(deps: FulfilmentDeps, event: Stripe.Event): Promise<Outcome> {
	const [{ processed }] = await deps.sql.begin(async (tx) => {
		await tx`set local role service_role`;
		await tx`select public.record_stripe_event(${event.id}, ${event.type}, ${event.livemode},
			${tx.json(event as unknown as Parameters<typeof tx.json>[0])})`;
		return tx<{ processed: boolean }[]>`
			select processed_at is not null as processed from public.stripe_events where id = ${event.id}`;
	});
	if (processed) return 'duplicate';

	const action = actionFor(event);
	let outcome: Outcome = 'ignored';
	if (action.kind === 'fulfil') {
		const { first } = await fulfilCheckout(deps, action.checkout);
		outcome = first ? 'fulfilled' : 'already-fulfilled';
	} else if (action.kind === 'set-status') {
		await deps.sql.begin(async (tx) => {
			await tx`set local role service_role`;
			await tx`select public.set_purchase_status(${action.paymentIntentId}, ${action.status})`;
		});
		outcome = 'status-changed';
	}
	await deps.sql.begin(async (tx) => {
		await tx`set local role service_role`;
		await tx`select public.mark_stripe_event_processed(${event.id})`;
	});
	return outcome;
}
