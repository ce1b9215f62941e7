import type Stripe from 'stripe';
import { emit, schedule, type Emulator, type RequestInfo } from '../emulator.ts';
import { invalidRequest, noSuch } from '../errors.ts';
import { nowSeconds } from '../ids.ts';
import { newTestClock } from '../objects/test-clock.ts';
import type { StoredObject } from '../store.ts';
import { CLOCK } from '../time.ts';
import { advanceLimit } from './due.ts';
import { dueInput, runDue } from './runner.ts';

export function getTestClock(emu: Emulator, id: string): Stripe.TestHelpers.TestClock {
	const found = emu.store.get<Stripe.TestHelpers.TestClock>(CLOCK, id);
	if (!found) throw noSuch('test_clock', id, 'test_clock');
	return found;
}

export function createTestClock(
	emu: Emulator,
	frozenTime: number,
	name: string | null,
	request: RequestInfo
) {
	const clock = emu.store.put(newTestClock(frozenTime, name, nowSeconds()));
	emit(emu, 'test_helpers.test_clock.created', clock, request);
	return clock;
}

/**
 * Starts moving a clock forward: it answers `advancing` at once and becomes `ready` when
 * everything due on the way has run (Stripe does it in the background too; poll or listen for
 * `test_helpers.test_clock.ready`).
 */
export function advanceTestClock(
	emu: Emulator,
	clock: Stripe.TestHelpers.TestClock,
	to: number,
	request: RequestInfo
) {
	if (clock.status === 'advancing')
		throw invalidRequest(
			`The test clock ${clock.id} is already advancing. Wait until it is ready.`
		);
	if (to <= clock.frozen_time)
		throw invalidRequest(
			`The frozen_time must be after the test clock's current frozen_time (${clock.frozen_time}).`,
			'frozen_time'
		);
	const live = dueInput(emu, clock.id).subscriptions.filter((s) =>
		['trialing', 'active', 'past_due', 'unpaid', 'incomplete'].includes(s.status)
	);
	if (to > advanceLimit(clock.frozen_time, live))
		throw invalidRequest(
			'Cannot advance more than two intervals of the shortest subscription on this test clock (two years without one).',
			'frozen_time'
		);
	clock.status = 'advancing';
	clock.status_details = { advancing: { target_frozen_time: to } };
	emit(emu, 'test_helpers.test_clock.advancing', clock, request);
	emu.store.save();
	schedule(emu, 0, () => {
		// Deleted meanwhile: nothing is left on it to advance.
		if (!emu.store.get(CLOCK, clock.id)) return;
		runDue(emu, clock.id, to);
		clock.frozen_time = to;
		clock.status = 'ready';
		clock.status_details = {};
		emit(emu, 'test_helpers.test_clock.ready', clock);
		emu.store.save();
	});
	return structuredClone(clock);
}

/** Deleting a clock deletes what lives on it: its customers, their subscriptions and invoices. */
export function deleteTestClock(
	emu: Emulator,
	clock: Stripe.TestHelpers.TestClock,
	request: RequestInfo
) {
	for (const type of ['customer', 'subscription', 'invoice'])
		for (const object of emu.store.all<StoredObject & { test_clock?: unknown }>(type))
			if (object.test_clock === clock.id) emu.store.remove(type, object.id);
	emu.store.remove(CLOCK, clock.id);
	emit(emu, 'test_helpers.test_clock.deleted', clock, request);
	emu.store.save();
	return { id: clock.id, object: CLOCK, deleted: true };
}

/**
 * Test control, not Stripe: puts a customer who lives in real time (one Checkout made from a typed
 * address) on a new clock standing at the machine's time, with its subscriptions and invoices, so
 * a test can move a guest's membership through time. On Stripe a customer's clock is fixed at
 * creation; nothing in `/v1` can do this.
 */
export function moveCustomerOntoClock(emu: Emulator, customerId: string, request: RequestInfo) {
	const customer = emu.store.get<Stripe.Customer>('customer', customerId);
	if (!customer) throw noSuch('customer', customerId, 'customer');
	if (customer.test_clock)
		throw invalidRequest(`The customer ${customerId} is on a test clock already.`, 'customer');
	const clock = createTestClock(emu, nowSeconds(), `moved: ${customerId}`, request);
	for (const type of ['customer', 'subscription', 'invoice'])
		for (const object of emu.store.all<StoredObject & { customer?: unknown }>(type))
			if (object.id === customerId || object.customer === customerId)
				Object.assign(object, { test_clock: clock.id });
	emu.store.save();
	return clock;
}

/** Subscriptions on no clock live in real time: a sweep runs what came due (renewals, retries). */
export function runRealTime(emu: Emulator) {
	if (runDue(emu, null, nowSeconds()).length) emu.store.save();
}
