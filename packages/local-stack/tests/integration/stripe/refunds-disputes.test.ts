import type { Browser } from '@playwright/test';
import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../../../src/testing/browser.ts';
import {
	createSession,
	eventually,
	payInBrowser,
	startEmulator,
	startReceiver,
	WEBHOOK_SECRET,
	type TestEmulator
} from './support.ts';

let browser: Browser;
let emulator: TestEmulator;
let receiver: Awaited<ReturnType<typeof startReceiver>>;

beforeAll(async () => {
	receiver = await startReceiver();
	emulator = await startEmulator({
		webhooks: { endpoints: [{ url: receiver.url, secret: WEBHOOK_SECRET }] }
	});
	browser = await launchChromium();
});

afterAll(async () => {
	await browser?.close();
	await emulator?.cleanUp();
	await receiver?.close();
});

/** A session paid with 4242 on the hosted page, and its charge. */
async function paidCharge() {
	const session = await createSession(emulator.stripe);
	await payInBrowser(browser, session.url!, '4242424242424242');
	const paid = await emulator.stripe.checkout.sessions.retrieve(session.id, {
		expand: ['payment_intent']
	});
	const intent = paid.payment_intent as Stripe.PaymentIntent;
	return {
		session: paid,
		intent,
		charge: await emulator.stripe.charges.retrieve(String(intent.latest_charge))
	};
}

const eventFor = (type: string, id: string) => () =>
	receiver.eventsOfType(type).find((e) => (e.data.object as { id: string }).id === id);

describe('refunds', () => {
	it('refunds a payment fully through its PaymentIntent and sends refund.created and charge.refunded', async () => {
		const { intent, charge } = await paidCharge();
		const refund = await emulator.stripe.refunds.create({ payment_intent: intent.id });
		expect(refund).toMatchObject({
			object: 'refund',
			amount: 1999,
			charge: charge.id,
			payment_intent: intent.id,
			status: 'succeeded'
		});
		expect(await emulator.stripe.charges.retrieve(charge.id)).toMatchObject({
			refunded: true,
			amount_refunded: 1999
		});
		expect(await eventually(eventFor('refund.created', refund.id))).toBeTruthy();
		const refunded = await eventually(eventFor('charge.refunded', charge.id));
		expect(refunded.data.object).toMatchObject({ refunded: true, amount_refunded: 1999 });
		const again = await emulator.stripe.refunds
			.create({ charge: charge.id })
			.catch((e: unknown) => e);
		expect(again).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
		expect(again).toMatchObject({ code: 'charge_already_refunded' });
	});

	it('refunds part of a charge, then the rest, and refuses more than is left', async () => {
		const { charge } = await paidCharge();
		await emulator.stripe.refunds.create({
			charge: charge.id,
			amount: 500,
			reason: 'requested_by_customer'
		});
		expect(await emulator.stripe.charges.retrieve(charge.id)).toMatchObject({
			refunded: false,
			amount_refunded: 500
		});
		const partial = await eventually(eventFor('charge.refunded', charge.id));
		expect(partial.data.object).toMatchObject({ refunded: false, amount_refunded: 500 });
		const tooMuch = await emulator.stripe.refunds
			.create({ charge: charge.id, amount: 1500 })
			.catch((e: unknown) => e);
		expect(tooMuch).toMatchObject({ param: 'amount', statusCode: 400 });
		await emulator.stripe.refunds.create({ charge: charge.id, amount: 1499 });
		expect(await emulator.stripe.charges.retrieve(charge.id)).toMatchObject({
			refunded: true,
			amount_refunded: 1999
		});
		const updated = await emulator.stripe.charges.retrieve(charge.id);
		expect(updated.refunds?.data.map((r) => r.amount)).toEqual([1499, 500]);
		const refunds = await emulator.stripe.refunds.list({ charge: charge.id });
		expect(refunds.data.map((r) => r.amount)).toEqual([1499, 500]);
	});
});

describe('disputes (test-control API)', () => {
	it('opens a dispute on a charge and closes it won or lost, with the events', async () => {
		for (const outcome of ['won', 'lost'] as const) {
			const { charge } = await paidCharge();
			const dispute = await emulator.control(`charges/${charge.id}/dispute`, {
				reason: 'fraudulent'
			});
			expect(dispute).toMatchObject({
				object: 'dispute',
				charge: charge.id,
				status: 'needs_response',
				amount: 1999
			});
			expect((await emulator.stripe.charges.retrieve(charge.id)).disputed).toBe(true);
			const created = await eventually(eventFor('charge.dispute.created', dispute.id));
			expect(created.data.object).toMatchObject({ charge: charge.id, reason: 'fraudulent' });
			await emulator.control(`disputes/${dispute.id}/close`, { status: outcome });
			const closed = await eventually(eventFor('charge.dispute.closed', dispute.id));
			expect(closed.data.object).toMatchObject({ status: outcome });
			expect((await emulator.stripe.disputes.retrieve(dispute.id)).status).toBe(outcome);
		}
	});
});

describe('events for reconciliation', () => {
	it('lists and retrieves events with type and created filters', async () => {
		const { session } = await paidCharge();
		const completed = await emulator.stripe.events.list({
			type: 'checkout.session.completed',
			limit: 100
		});
		const mine = completed.data.find(
			(e) => (e.data.object as Stripe.Checkout.Session).id === session.id
		);
		expect(mine).toBeDefined();
		expect(completed.data.every((e) => e.type === 'checkout.session.completed')).toBe(true);
		const charges = await emulator.stripe.events.list({ type: 'charge.*', limit: 100 });
		expect(charges.data.length).toBeGreaterThan(0);
		expect(charges.data.every((e) => e.type.startsWith('charge.'))).toBe(true);
		const later = await emulator.stripe.events.list({ created: { gt: mine!.created + 3600 } });
		expect(later.data).toEqual([]);
		expect((await emulator.stripe.events.retrieve(mine!.id)).type).toBe(
			'checkout.session.completed'
		);
	});
});
