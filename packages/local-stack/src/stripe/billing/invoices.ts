import type Stripe from 'stripe';
import { emit, NO_REQUEST, type Emulator, type RequestInfo } from '../emulator.ts';
import { newId } from '../ids.ts';
import { noSuch } from '../errors.ts';
import { formatAmount } from '../money.ts';
import { newInvoice, type InvoiceCreate } from '../objects/invoice.ts';
import { timeOfCustomer } from '../time.ts';
import { takeInvoiceNumber } from './customers.ts';
import { requireInvoiceStatus } from './invoice-status.ts';

/** Stripe finalizes a subscription's renewal invoice an hour after creating it. */
export const FINALIZE_AFTER_SECONDS = 3600;

export function getInvoice(emu: Emulator, id: string, param = 'invoice'): Stripe.Invoice {
	const found = emu.store.get<Stripe.Invoice>('invoice', id);
	if (!found) throw noSuch('invoice', id, param);
	return found;
}

export const subscriptionOf = (invoice: Stripe.Invoice) =>
	(invoice.parent?.subscription_details?.subscription as string | undefined) ?? undefined;

export const timeOfInvoice = (emu: Emulator, invoice: Stripe.Invoice) =>
	timeOfCustomer(emu, invoice.customer as string);

/**
 * A subscription's invoice, as a draft (`invoice.created`). The first one is finalized and paid at
 * once by Checkout; a renewal waits an hour (`automatically_finalizes_at`) before it is.
 */
export function createSubscriptionInvoice(
	emu: Emulator,
	create: Omit<InvoiceCreate, 'created'>
): Stripe.Invoice {
	const created = timeOfCustomer(emu, create.customer.id);
	const invoice = newInvoice({ ...create, created }, (item) => {
		const product = emu.store.get<Stripe.Product>('product', item.price.product as string);
		return {
			productName: product?.name ?? 'Subscription',
			unitAmount: formatAmount(item.price.unit_amount ?? 0, item.price.currency)
		};
	});
	if (create.billingReason === 'subscription_cycle')
		invoice.automatically_finalizes_at = created + FINALIZE_AFTER_SECONDS;
	emu.store.put(invoice);
	create.subscription.latest_invoice = invoice.id;
	emit(emu, 'invoice.created', invoice);
	return invoice;
}

const HOSTED = 'emulator.hosted_invoice';

interface HostedInvoiceLink {
	id: string;
	object: typeof HOSTED;
	invoice: string;
}

export function invoiceOfHostedPage(emu: Emulator, token: string): Stripe.Invoice | undefined {
	const link = emu.store.get<HostedInvoiceLink>(HOSTED, token);
	return link && emu.store.get<Stripe.Invoice>('invoice', link.invoice);
}

/**
 * Finalizing numbers the invoice, gives it its hosted page and opens it (`invoice.finalized`);
 * the caller then collects it (Billing does at once).
 */
export function finalizeInvoice(
	emu: Emulator,
	invoice: Stripe.Invoice,
	request: RequestInfo = NO_REQUEST
): Stripe.Invoice {
	invoice.status = requireInvoiceStatus(invoice.id, invoice.status ?? 'draft', 'finalize');
	const now = timeOfInvoice(emu, invoice);
	const customer = emu.store.get<Stripe.Customer>('customer', invoice.customer as string)!;
	const token = newId('test', 40).slice('test_'.length);
	emu.store.put<HostedInvoiceLink>({ id: token, object: HOSTED, invoice: invoice.id });
	invoice.number = takeInvoiceNumber(customer);
	invoice.hosted_invoice_url = `${emu.publicUrl}/i/${token}`;
	invoice.status_transitions.finalized_at = now;
	invoice.effective_at = now;
	invoice.automatically_finalizes_at = null;
	invoice.next_payment_attempt = null;
	emit(emu, 'invoice.finalized', invoice, request);
	return invoice;
}

/**
 * The invoice is paid: `invoice.paid`, and for a payment Stripe collected `invoice.payment_succeeded`
 * and `invoice_payment.paid` with the InvoicePayment that records it. Paid out of band (`pay` with
 * `paid_out_of_band`), only `invoice.paid`.
 */
export function markInvoicePaid(
	emu: Emulator,
	invoice: Stripe.Invoice,
	payment: Stripe.InvoicePayment | null,
	request: RequestInfo = NO_REQUEST,
	outOfBand = false
) {
	const now = timeOfInvoice(emu, invoice);
	invoice.status = requireInvoiceStatus(invoice.id, invoice.status ?? 'draft', 'pay');
	// amount_remaining is amount_due − amount_paid, so a payment made elsewhere counts in both.
	if (outOfBand) invoice.amount_paid_off_stripe = invoice.amount_remaining;
	invoice.amount_paid = invoice.amount_due;
	invoice.amount_remaining = 0;
	invoice.attempted = invoice.attempted || !outOfBand;
	invoice.next_payment_attempt = null;
	invoice.status_transitions.paid_at = now;
	emit(emu, 'invoice.paid', invoice, request);
	if (outOfBand) return;
	emit(emu, 'invoice.payment_succeeded', invoice, request);
	if (payment) {
		payment.status = 'paid';
		payment.amount_paid = invoice.amount_due;
		payment.status_transitions.paid_at = now;
		emit(emu, 'invoice_payment.paid', emu.store.put(payment), request);
	}
}

/** `void` and `mark_uncollectible`: no more collection, announced with their events. */
export function closeInvoice(
	emu: Emulator,
	invoice: Stripe.Invoice,
	action: 'void' | 'mark_uncollectible',
	request: RequestInfo = NO_REQUEST
) {
	const now = timeOfInvoice(emu, invoice);
	invoice.status = requireInvoiceStatus(invoice.id, invoice.status ?? 'draft', action);
	invoice.next_payment_attempt = null;
	invoice.auto_advance = false;
	if (action === 'void') {
		invoice.status_transitions.voided_at = now;
		invoice.amount_remaining = 0;
		emit(emu, 'invoice.voided', invoice, request);
	} else {
		invoice.status_transitions.marked_uncollectible_at = now;
		emit(emu, 'invoice.marked_uncollectible', invoice, request);
	}
}

/** The payments made for an invoice, kept aside (`invoice.payments` is only shown when expanded). */
export const paymentsOf = (emu: Emulator, invoice: string) =>
	emu.store.all<Stripe.InvoicePayment>('invoice_payment').filter((p) => p.invoice === invoice);
