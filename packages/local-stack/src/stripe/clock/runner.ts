import type Stripe from 'stripe';
import { collectInvoice } from '../billing/collection.ts';
import {
	endPeriod,
	expireIncomplete,
	finalizeAndCollect,
	trialWillEnd,
	trialWillEndSent
} from '../billing/renewals.ts';
import type { Emulator } from '../emulator.ts';
import { CLOCK } from '../time.ts';
import { nextDue, type Due, type DueInput } from './due.ts';

/** The most items one advance may run: a safety net against a loop, far above any real schedule. */
const MAX_STEPS = 10_000;

/** The billing objects of one test clock, or of real time (`clock` null). */
export function dueInput(emu: Emulator, clock: string | null): DueInput {
	const onClock = (object: { test_clock?: unknown }) =>
		((object.test_clock as string | null) ?? null) === clock;
	return {
		subscriptions: emu.store.all<Stripe.Subscription>('subscription').filter(onClock),
		invoices: emu.store.all<Stripe.Invoice>('invoice').filter(onClock),
		trialWillEndSent: trialWillEndSent(emu)
	};
}

function apply(emu: Emulator, due: Due) {
	if (due.kind === 'finalize_invoice' || due.kind === 'attempt_payment') {
		const invoice = emu.store.get<Stripe.Invoice>('invoice', due.invoice)!;
		if (due.kind === 'finalize_invoice') finalizeAndCollect(emu, invoice);
		else collectInvoice(emu, invoice, { automatic: true });
		return;
	}
	const subscription = emu.store.get<Stripe.Subscription>('subscription', due.subscription)!;
	if (due.kind === 'expire_incomplete') expireIncomplete(emu, subscription);
	else if (due.kind === 'trial_will_end') trialWillEnd(emu, subscription);
	else endPeriod(emu, subscription);
}

/**
 * Runs everything due up to `until`, one item at a time in time order. On a test clock the clock
 * stands at each item's time while it runs, so what it creates carries that time.
 */
export function runDue(emu: Emulator, clock: string | null, until: number): Due[] {
	const done: Due[] = [];
	const clockObject = clock ? emu.store.get<Stripe.TestHelpers.TestClock>(CLOCK, clock) : undefined;
	for (let step = 0; step < MAX_STEPS; step++) {
		const due = nextDue(dueInput(emu, clock), until);
		if (!due) break;
		if (clockObject) clockObject.frozen_time = Math.max(clockObject.frozen_time, due.at);
		apply(emu, due);
		done.push(due);
	}
	return done;
}
