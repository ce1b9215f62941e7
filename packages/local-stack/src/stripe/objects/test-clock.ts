import type Stripe from 'stripe';
import { newId } from '../ids.ts';

/** Stripe deletes a test clock, with everything on it, some days after creating it. */
export const CLOCK_LIFETIME_SECONDS = 7 * 24 * 3600;

export function newTestClock(
	frozenTime: number,
	name: string | null,
	created: number
): Stripe.TestHelpers.TestClock {
	const typed: Stripe.TestHelpers.TestClock = {
		id: newId('clock'),
		object: 'test_helpers.test_clock',
		created,
		deletes_after: created + CLOCK_LIFETIME_SECONDS,
		frozen_time: frozenTime,
		livemode: false,
		name,
		status: 'ready',
		status_details: {}
	};
	return typed;
}
