import type { Browser } from '@playwright/test';
import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../../../src/testing/browser.ts';
import { createSession, payInBrowser, startEmulator, type TestEmulator } from './support.ts';

let browser: Browser;
let emulator: TestEmulator;

beforeAll(async () => {
	emulator = await startEmulator();
	browser = await launchChromium();
});

afterAll(async () => {
	await browser?.close();
	await emulator?.cleanUp();
});

async function chargeOf(card: string) {
	const session = await createSession(emulator.stripe);
	await payInBrowser(browser, session.url!, card);
	const intents = await emulator.stripe.paymentIntents.list({ limit: 1 });
	const intent = await emulator.stripe.paymentIntents.retrieve(intents.data[0].id, {
		expand: ['latest_charge']
	});
	return intent.latest_charge as Stripe.Charge;
}

const receipt = async (url: string) => {
	const response = await fetch(url);
	return { status: response.status, html: await response.text() };
};

describe("charges' receipts", () => {
	it('a paid charge has a receipt_url that serves its receipt, refunds included once made', async () => {
		const charge = await chargeOf('4242424242424242');
		expect(charge.receipt_url).toMatch(
			new RegExp(`^${emulator.url}/receipts/payment/[A-Za-z0-9]{32}$`)
		);
		const paid = await receipt(charge.receipt_url!);
		expect(paid.status).toBe(200);
		expect(paid.html).toContain('<h1>Receipt</h1>');
		expect(paid.html).toContain('$19.99');
		expect(paid.html).toContain('visa •••• 4242');
		expect(paid.html).toContain('data-testid="status">Paid<');

		await emulator.stripe.refunds.create({ charge: charge.id, amount: 500 });
		const partly = await receipt(charge.receipt_url!);
		expect(partly.html).toContain('data-testid="status">Partially refunded<');
		expect(partly.html).toContain('−$5.00');
		expect(partly.html).toContain('<th>$14.99</th>');
		// The charge as the API returns it keeps the same address.
		expect((await emulator.stripe.charges.retrieve(charge.id)).receipt_url).toBe(
			charge.receipt_url
		);
	});

	it('a declined charge has no receipt, and an unknown receipt address is a 404', async () => {
		const charge = await chargeOf('4000000000000002');
		expect(charge.status).toBe('failed');
		expect(charge.receipt_url).toBeNull();
		expect((await receipt(`${emulator.url}/receipts/payment/${'x'.repeat(32)}`)).status).toBe(404);
	});
});
