import type Stripe from 'stripe';
import type { Emulator } from './emulator.ts';
import { nowSeconds } from './ids.ts';

export const CLOCK = 'test_helpers.test_clock';

/**
 * "Now" for objects of a test clock is the clock's frozen time; for everything else it is the
 * machine's time. Billing objects take their timestamps (and their schedule) from here.
 */
export function timeOf(emu: Emulator, clockId: string | null | undefined): number {
	if (!clockId) return nowSeconds();
	return emu.store.get<Stripe.TestHelpers.TestClock>(CLOCK, clockId)?.frozen_time ?? nowSeconds();
}

/** The test clock a customer belongs to, if any. */
export function clockOfCustomer(emu: Emulator, customerId: string | null | undefined) {
	if (!customerId) return null;
	const customer = emu.store.get<Stripe.Customer>('customer', customerId);
	return (customer?.test_clock as string | null | undefined) ?? null;
}

export const timeOfCustomer = (emu: Emulator, customerId: string | null | undefined) =>
	timeOf(emu, clockOfCustomer(emu, customerId));
