import { rmSync } from 'node:fs';
import path from 'node:path';
import type { Browser } from '@playwright/test';
import type Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStripeEmulator } from '../../../src/stripe/server.ts';
import { launchChromium } from '../../../src/testing/browser.ts';
import {
	CANCEL_URL,
	createSession,
	eventually,
	payInBrowser,
	SECRET_KEY,
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
		asyncSettleMs: 50,
		webhooks: { endpoints: [{ url: receiver.url, secret: WEBHOOK_SECRET }], retryFactor: 0.0005 }
	});
	browser = await launchChromium();
});

afterAll(async () => {
	await browser?.close();
	await emulator?.cleanUp();
	await receiver?.close();
});

describe('hosted checkout page', () => {
	it('takes 4242, redirects 303 to the success URL with the real id, and the session is paid', async () => {
		const session = await createSession(emulator.stripe);
		const result = await payInBrowser(browser, session.url!, '4242 4242 4242 4242');
		expect(result.status).toBe(303);
		expect(result.location).toBe(`http://127.0.0.1:9/thanks?session_id=${session.id}`);
		const paid = await emulator.stripe.checkout.sessions.retrieve(session.id, {
			expand: ['payment_intent']
		});
		expect(paid).toMatchObject({
			status: 'complete',
			payment_status: 'paid',
			amount_total: 1999,
			currency: 'usd'
		});
		expect(paid.customer_details?.email).toBe('buyer@example.com');
		const intent = paid.payment_intent as Stripe.PaymentIntent;
		expect(intent).toMatchObject({ status: 'succeeded', amount_received: 1999 });
		const charge = await emulator.stripe.charges.retrieve(String(intent.latest_charge));
		expect(charge).toMatchObject({
			payment_intent: intent.id,
			paid: true,
			refunded: false,
			disputed: false,
			amount_refunded: 0
		});
		const completed = await eventually(() =>
			receiver
				.eventsOfType('checkout.session.completed')
				.find((e) => (e.data.object as Stripe.Checkout.Session).id === session.id)
		);
		expect((completed.data.object as Stripe.Checkout.Session).payment_status).toBe('paid');
	});

	it('declines 0002 with Stripe message, stays usable, then takes 4242 on the same session', async () => {
		const session = await createSession(emulator.stripe);
		const declined = await payInBrowser(browser, session.url!, '4000 0000 0000 0002');
		expect(declined).toMatchObject({ status: 402, error: 'Your card was declined.' });
		const open = await emulator.stripe.checkout.sessions.retrieve(session.id, {
			expand: ['payment_intent']
		});
		expect(open).toMatchObject({ status: 'open', payment_status: 'unpaid' });
		expect((open.payment_intent as Stripe.PaymentIntent).last_payment_error?.decline_code).toBe(
			'generic_decline'
		);
		const paid = await payInBrowser(browser, session.url!, '4242424242424242');
		expect(paid.location).toContain(session.id);
		const after = await emulator.stripe.checkout.sessions.retrieve(session.id);
		expect(after.payment_status).toBe('paid');
		expect(after.payment_intent).toBe((open.payment_intent as Stripe.PaymentIntent).id);
	});

	it('declines 9995 for insufficient funds', async () => {
		const session = await createSession(emulator.stripe);
		const result = await payInBrowser(browser, session.url!, '4000000000009995');
		expect(result).toMatchObject({ status: 402, error: 'Your card has insufficient funds.' });
	});

	it('completes unpaid with the async card 0077, then sends async_payment_succeeded', async () => {
		const session = await createSession(emulator.stripe);
		const result = await payInBrowser(browser, session.url!, '4000000000000077');
		expect(result.status).toBe(303);
		const event = await eventually(() =>
			receiver
				.eventsOfType('checkout.session.async_payment_succeeded')
				.find((e) => (e.data.object as Stripe.Checkout.Session).id === session.id)
		);
		expect((event.data.object as Stripe.Checkout.Session).payment_status).toBe('paid');
		const completed = receiver
			.eventsOfType('checkout.session.completed')
			.find((e) => (e.data.object as Stripe.Checkout.Session).id === session.id);
		expect((completed?.data.object as Stripe.Checkout.Session).payment_status).toBe('unpaid');
		expect((await emulator.stripe.checkout.sessions.retrieve(session.id)).payment_status).toBe(
			'paid'
		);
	});

	it('completes unpaid with the async card 0341, then sends async_payment_failed', async () => {
		const session = await createSession(emulator.stripe);
		await payInBrowser(browser, session.url!, '4000000000000341');
		const event = await eventually(() =>
			receiver
				.eventsOfType('checkout.session.async_payment_failed')
				.find((e) => (e.data.object as Stripe.Checkout.Session).id === session.id)
		);
		expect((event.data.object as Stripe.Checkout.Session).payment_status).toBe('unpaid');
		const after = await emulator.stripe.checkout.sessions.retrieve(session.id, {
			expand: ['payment_intent']
		});
		expect((after.payment_intent as Stripe.PaymentIntent).status).toBe('requires_payment_method');
	});

	it('settles a pending async payment after a restart of the emulator', async () => {
		const slow = await startEmulator({ asyncSettleMs: 3_600_000 });
		const session = await createSession(slow.stripe);
		await payInBrowser(browser, session.url!, '4000000000000077');
		await slow.close();
		const endpoint = await startReceiver();
		const restarted = await startStripeEmulator({
			port: 0,
			stateFile: slow.stateFile,
			apiKey: SECRET_KEY,
			asyncSettleMs: 10,
			webhooks: { endpoints: [{ url: endpoint.url, secret: WEBHOOK_SECRET }] }
		});
		try {
			const settled = await eventually(
				() => endpoint.eventsOfType('checkout.session.async_payment_succeeded')[0]
			);
			expect((settled.data.object as Stripe.Checkout.Session).id).toBe(session.id);
		} finally {
			await restarted.close();
			await endpoint.close();
			rmSync(path.dirname(slow.stateFile), { recursive: true, force: true });
		}
	});

	it('shows the product, the amount in the currency, a read-only given email and a back link', async () => {
		const session = await createSession(emulator.stripe, {
			customer_email: 'fixed@example.com',
			line_items: [
				{
					quantity: 2,
					price_data: {
						currency: 'eur',
						unit_amount: 1250,
						product_data: { name: 'Atlas of Rivers', images: ['http://127.0.0.1:9/atlas.png'] }
					}
				}
			]
		});
		const page = await browser.newPage({ viewport: { width: 375, height: 740 } });
		try {
			await page.goto(session.url!);
			expect(await page.getByText('Atlas of Rivers').count()).toBe(1);
			expect(await page.getByTestId('amount').textContent()).toBe('€25.00');
			expect(await page.locator('img[src="http://127.0.0.1:9/atlas.png"]').count()).toBe(1);
			const email = page.getByLabel('Email');
			expect(await email.inputValue()).toBe('fixed@example.com');
			expect(await email.getAttribute('readonly')).not.toBeNull();
			expect(await page.getByRole('link', { name: /Back/ }).getAttribute('href')).toBe(CANCEL_URL);
			// Mobile-friendly: the form fits the phone's width without horizontal scrolling.
			expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
				375
			);
		} finally {
			await page.close();
		}
	});

	it('says so for an expired or a completed session', async () => {
		const expired = await createSession(emulator.stripe);
		await emulator.stripe.checkout.sessions.expire(expired.id);
		const done = await createSession(emulator.stripe);
		await payInBrowser(browser, done.url!, '4242424242424242');
		const page = await browser.newPage();
		try {
			await page.goto(expired.url!);
			expect(await page.locator('h1').textContent()).toMatch(/expired/);
			await page.goto(done.url!);
			expect(await page.locator('h1').textContent()).toMatch(/complete/);
			expect(await page.getByLabel('Card number').count()).toBe(0);
		} finally {
			await page.close();
		}
	});
});
