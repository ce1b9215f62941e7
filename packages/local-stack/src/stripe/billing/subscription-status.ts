/**
 * The subscription state machine as a pure function: what a subscription's status becomes when
 * something happens to it, or null when that cannot happen in that status. `canceled` and
 * `incomplete_expired` are final. (Stripe's `paused` needs a trial ending without a payment
 * method, which Checkout never leaves, so it is not emulated.)
 */
export type SubscriptionStatus =
	'incomplete' | 'incomplete_expired' | 'trialing' | 'active' | 'past_due' | 'unpaid' | 'canceled';

export type SubscriptionEvent =
	/** An invoice of the subscription was paid (the first one, a renewal or a retry). */
	| 'invoice_paid'
	/** A payment attempt failed. */
	| 'payment_failed'
	/** The first invoice stayed unpaid for 23 hours. */
	| 'first_invoice_expired'
	/** The trial's end came: the subscription is billed from now on. */
	| 'trial_ended'
	/** The last scheduled retry failed; what follows is the account's setting. */
	| 'retries_exhausted'
	/** Canceled now: by the API, the portal, or at the end of a period it was set to end at. */
	| 'canceled';

export type AfterRetries = 'cancel' | 'unpaid' | 'past_due';

const LIVE: SubscriptionStatus[] = ['incomplete', 'trialing', 'active', 'past_due', 'unpaid'];

export function nextStatus(
	status: SubscriptionStatus,
	event: SubscriptionEvent,
	afterRetries: AfterRetries = 'cancel'
): SubscriptionStatus | null {
	switch (event) {
		case 'invoice_paid':
			return ['incomplete', 'active', 'past_due', 'unpaid'].includes(status) ? 'active' : null;
		case 'payment_failed':
			if (status === 'incomplete') return 'incomplete';
			if (status === 'active' || status === 'past_due') return 'past_due';
			return status === 'unpaid' ? 'unpaid' : null;
		case 'first_invoice_expired':
			return status === 'incomplete' ? 'incomplete_expired' : null;
		case 'trial_ended':
			return status === 'trialing' ? 'active' : null;
		case 'retries_exhausted':
			if (status !== 'past_due') return null;
			return afterRetries === 'cancel' ? 'canceled' : afterRetries;
		case 'canceled':
			return LIVE.includes(status) ? 'canceled' : null;
	}
}

/** Whether the subscription still bills (not ended). */
export const isLive = (status: string) => LIVE.includes(status as SubscriptionStatus);

/** The transition table, for the README and the report. */
export function transitionTable(afterRetries: AfterRetries = 'cancel') {
	const statuses: SubscriptionStatus[] = [...LIVE, 'canceled', 'incomplete_expired'];
	const events: SubscriptionEvent[] = [
		'invoice_paid',
		'payment_failed',
		'first_invoice_expired',
		'trial_ended',
		'retries_exhausted',
		'canceled'
	];
	return statuses.map((status) => ({
		status,
		next: Object.fromEntries(events.map((e) => [e, nextStatus(status, e, afterRetries)]))
	}));
}
