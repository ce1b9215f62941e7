import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { billingSetup, pastDueMember, type Plan } from './billing-support.ts';
import type { TestEmulator } from './support.ts';

let emulator: TestEmulator;
let plan: Plan;

beforeAll(async () => ({ emulator, plan } = await billingSetup()));
afterAll(() => emulator?.cleanUp());

const pastDue = () => pastDueMember(emulator, plan.monthly.id);

const form = (card: string) =>
	new URLSearchParams({ cardnumber: card, expiry: '12 / 34', cvc: '123' });

describe('invoices', () => {
	it('lists by customer, subscription and status, with their lines', async () => {
		const { customer, subscription, invoice } = await pastDue();
		const byCustomer = await emulator.stripe.invoices.list({ customer: customer.id });
		expect(byCustomer.data.map((i) => i.status)).toEqual(['open', 'paid']);
		const open = await emulator.stripe.invoices.list({ subscription, status: 'open' });
		expect(open.data.map((i) => i.id)).toEqual([invoice.id]);
		const lines = await emulator.stripe.invoices.listLineItems(invoice.id);
		expect(lines.data[0]).toMatchObject({
			amount: 900,
			description: '1 × Membership (at $9.00 / month)',
			subscription,
			pricing: { price_details: { price: plan.monthly.id } }
		});
	});

	it('pays with another card of the customer through the API, which makes the subscription active again', async () => {
		const { customer, subscription, invoice } = await pastDue();
		const declined = await emulator.stripe.invoices.pay(invoice.id).catch((e: unknown) => e);
		expect(declined).toBeInstanceOf(Stripe.errors.StripeCardError);
		expect(declined).toMatchObject({ code: 'card_declined', statusCode: 402 });
		const card = await emulator.stripe.paymentMethods.attach('pm_card_visa', {
			customer: customer.id
		});
		const paid = await emulator.stripe.invoices.pay(invoice.id, { payment_method: card.id });
		expect(paid).toMatchObject({ status: 'paid', amount_paid: 900, amount_remaining: 0 });
		expect((await emulator.stripe.subscriptions.retrieve(subscription)).status).toBe('active');
		const again = await emulator.stripe.invoices.pay(invoice.id).catch((e: unknown) => e);
		expect(again).toMatchObject({ statusCode: 400, message: 'Invoice is already paid' });
	});

	it('records a payment made elsewhere (paid_out_of_band), voids and marks uncollectible with their events', async () => {
		const first = await pastDue();
		const outside = await emulator.stripe.invoices.pay(first.invoice.id, {
			paid_out_of_band: true
		});
		expect(outside).toMatchObject({
			status: 'paid',
			amount_paid: 900,
			amount_paid_off_stripe: 900
		});
		const second = await pastDue();
		const uncollectible = await emulator.stripe.invoices.markUncollectible(second.invoice.id);
		expect(uncollectible.status).toBe('uncollectible');
		const voided = await emulator.stripe.invoices.voidInvoice(second.invoice.id);
		expect(voided).toMatchObject({ status: 'void', amount_remaining: 0 });
		const types = (await emulator.stripe.events.list({ limit: 3 })).data.map((e) => e.type);
		expect(types.slice(0, 2)).toEqual(['invoice.voided', 'invoice.marked_uncollectible']);
		const refused = await emulator.stripe.invoices
			.voidInvoice(second.invoice.id)
			.catch((e: unknown) => e);
		expect(refused).toMatchObject({ statusCode: 400 });
	});

	it('serves its hosted page: amount due and a card form while open; a good card pays it, then a receipt link', async () => {
		const { subscription, invoice } = await pastDue();
		const page = await fetch(invoice.hosted_invoice_url!);
		const open = await page.text();
		expect(open).toContain('Amount due');
		expect(open).toContain('$9.00');
		expect(open).toContain('>Due<');
		const declined = await fetch(invoice.hosted_invoice_url!, {
			method: 'POST',
			body: form('4000000000000341'),
			redirect: 'manual'
		});
		expect(declined.status).toBe(402);
		expect(await declined.text()).toContain('Your card was declined.');
		const paid = await fetch(invoice.hosted_invoice_url!, {
			method: 'POST',
			body: form('4242424242424242'),
			redirect: 'manual'
		});
		expect(paid.status).toBe(303);
		const after = await (await fetch(invoice.hosted_invoice_url!)).text();
		expect(after).toContain('>Paid<');
		expect(after).toContain('/receipts/payment/');
		expect((await emulator.stripe.subscriptions.retrieve(subscription)).status).toBe('active');
		expect((await fetch(`${emulator.url}/i/unknown`)).status).toBe(404);
	});
});
