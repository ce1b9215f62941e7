import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { submitCheckout } from './billing-support.ts';
import { createSession, startEmulator, type TestEmulator } from './support.ts';

let emulator: TestEmulator;

beforeAll(async () => {
	emulator = await startEmulator();
});
afterAll(() => emulator?.cleanUp());

async function paidCharge() {
	const session = await createSession(emulator.stripe);
	await submitCheckout(session.url!, '4242424242424242', 'reader@example.com');
	const paid = await emulator.stripe.checkout.sessions.retrieve(session.id, {
		expand: ['payment_intent.latest_charge']
	});
	return (paid.payment_intent as Stripe.PaymentIntent).latest_charge as Stripe.Charge;
}

describe('refunds from the studio', () => {
	it('gives the same refund for a retried Idempotency-Key and refuses the key with another amount', async () => {
		const charge = await paidCharge();
		const params = {
			payment_intent: String(charge.payment_intent),
			amount: 500,
			reason: 'requested_by_customer' as const
		};
		const first = await emulator.stripe.refunds.create(params, {
			idempotencyKey: 'refund-order-7'
		});
		const retry = await emulator.stripe.refunds.create(params, {
			idempotencyKey: 'refund-order-7'
		});
		expect(retry.id).toBe(first.id);
		expect(retry.lastResponse.headers['idempotent-replayed']).toBe('true');
		expect((await emulator.stripe.charges.retrieve(charge.id)).amount_refunded).toBe(500);
		const other = await emulator.stripe.refunds
			.create({ ...params, amount: 600 }, { idempotencyKey: 'refund-order-7' })
			.catch((e: unknown) => e);
		expect(other).toBeInstanceOf(Stripe.errors.StripeIdempotencyError);
		expect(other).toMatchObject({ statusCode: 400, type: 'StripeIdempotencyError' });
	});

	it('answers a retried key with the first error too, once the endpoint ran (amount too large)', async () => {
		const charge = await paidCharge();
		const tooMuch = { charge: charge.id, amount: 5000 };
		const first = await emulator.stripe.refunds
			.create(tooMuch, { idempotencyKey: 'refund-too-much' })
			.catch((e: unknown) => e as Stripe.errors.StripeError);
		expect(first).toMatchObject({ code: 'amount_too_large', statusCode: 400 });
		const again = await emulator.stripe.refunds
			.create(tooMuch, { idempotencyKey: 'refund-too-much' })
			.then(
				() => undefined,
				(e: unknown) => e as Stripe.errors.StripeError
			);
		expect(again).toMatchObject({ code: 'amount_too_large' });
		expect(again?.headers?.['idempotent-replayed']).toBe('true');
	});

	it("updates a refund's metadata with refund.updated and charge.refund.updated, and keeps the reason", async () => {
		const charge = await paidCharge();
		const refund = await emulator.stripe.refunds.create({
			charge: charge.id,
			reason: 'duplicate',
			metadata: { order: 'o-1' }
		});
		const updated = await emulator.stripe.refunds.update(refund.id, {
			metadata: { note: 'by studio' }
		});
		expect(updated).toMatchObject({
			reason: 'duplicate',
			metadata: { order: 'o-1', note: 'by studio' }
		});
		const types = (await emulator.stripe.events.list({ limit: 2 })).data.map((e) => e.type);
		expect(types.sort()).toEqual(['charge.refund.updated', 'refund.updated']);
		const chargeEvent = (
			await emulator.stripe.events.list({ type: 'charge.refund.updated', limit: 1 })
		).data[0];
		expect(chargeEvent.data.previous_attributes).toEqual({ metadata: { order: 'o-1' } });
	});
});

describe('receipts', () => {
	it('gives each paid charge a receipt_url whose page shows amount, date, card and refunds', async () => {
		const charge = await paidCharge();
		expect(charge.receipt_url).toMatch(
			new RegExp(`^${emulator.url}/receipts/payment/[A-Za-z0-9]+$`)
		);
		const page = await (await fetch(charge.receipt_url!)).text();
		expect(page).toContain('$19.99');
		expect(page).toContain('visa •••• 4242');
		expect(page).toContain(new Date(charge.created * 1000).getUTCFullYear().toString());
		expect(page).toContain('data-testid="status">Paid<');
		expect(page).not.toContain('data-testid="refund"');
		await emulator.stripe.refunds.create({ charge: charge.id, amount: 499 });
		const refunded = await (await fetch(charge.receipt_url!)).text();
		expect(refunded).toContain('data-testid="status">Partially refunded<');
		expect(refunded).toContain('−$4.99');
		expect(refunded).toContain('$15.00');
		expect((await fetch(`${emulator.url}/receipts/payment/unknown`)).status).toBe(404);
	});

	it('has no receipt for a declined charge', async () => {
		const session = await createSession(emulator.stripe);
		await submitCheckout(session.url!, '4000000000000002');
		const open = await emulator.stripe.checkout.sessions.retrieve(session.id, {
			expand: ['payment_intent.latest_charge']
		});
		const declined = (open.payment_intent as Stripe.PaymentIntent).latest_charge as Stripe.Charge;
		expect(declined).toMatchObject({ status: 'failed', receipt_url: null });
	});
});
