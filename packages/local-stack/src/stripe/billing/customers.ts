import type Stripe from 'stripe';
import { emit, NO_REQUEST, type Emulator, type RequestInfo } from '../emulator.ts';
import { invalidRequest, noSuch } from '../errors.ts';
import { newCustomer, type CustomerCreate } from '../objects/customer.ts';
import { CLOCK, timeOf } from '../time.ts';

export function getCustomer(emu: Emulator, id: string, param = 'customer'): Stripe.Customer {
	const found = emu.store.get<Stripe.Customer>('customer', id);
	if (!found) throw noSuch('customer', id, param);
	return found;
}

/** A customer (`customer.created`), on a test clock's time when it names one. */
export function createCustomer(
	emu: Emulator,
	create: CustomerCreate,
	request: RequestInfo = NO_REQUEST
): Stripe.Customer {
	if (create.test_clock && !emu.store.get(CLOCK, create.test_clock))
		throw noSuch('test_clock', create.test_clock, 'test_clock');
	const customer = emu.store.put(newCustomer(create, timeOf(emu, create.test_clock)));
	emit(emu, 'customer.created', customer, request);
	return customer;
}

/** The next invoice number for a customer: its prefix and a sequence of its own. */
export function takeInvoiceNumber(customer: Stripe.Customer): string {
	const sequence = customer.next_invoice_sequence ?? 1;
	customer.next_invoice_sequence = sequence + 1;
	return `${customer.invoice_prefix}-${String(sequence).padStart(4, '0')}`;
}

/** The card Billing charges: the subscription's default, else the customer's invoice default. */
export function paymentMethodFor(
	emu: Emulator,
	customer: Stripe.Customer,
	subscription: Stripe.Subscription | undefined
): string | null {
	const own = subscription?.default_payment_method;
	const fallback = customer.invoice_settings.default_payment_method;
	const id = (own ?? fallback) as string | null;
	return id && emu.store.get('payment_method', id) ? id : null;
}

/** Both a subscription and the customer it belongs to must share one test clock, or none. */
export function requireSameClock(customer: Stripe.Customer, clock: string | null) {
	if ((customer.test_clock ?? null) !== clock)
		throw invalidRequest(`The customer ${customer.id} belongs to another test clock.`, 'customer');
}
