import type { Browser, BrowserContext, Page } from '@playwright/test';
import type Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../../../src/testing/browser.ts';
import {
	billingSetup,
	clockedCustomer,
	pastDueMember,
	type Plan,
	submitCheckout,
	subscriptionSession
} from './billing-support.ts';
import type { TestEmulator } from './support.ts';

const RETURN_URL = 'http://127.0.0.1:9/account';

let emulator: TestEmulator;
let browser: Browser;
let phone: BrowserContext;
let plan: Plan;

beforeAll(async () => {
	({ emulator, plan } = await billingSetup());
	browser = await launchChromium();
	// A phone, and no JavaScript: the portal must work as plain forms.
	phone = await browser.newContext({
		viewport: { width: 360, height: 740 },
		isMobile: true,
		javaScriptEnabled: false
	});
});
afterAll(async () => {
	await browser?.close();
	await emulator?.cleanUp();
});

const pastDueMember_ = () => pastDueMember(emulator, plan.monthly.id, 'portal@example.com');

async function openPortal(customer: string): Promise<{ page: Page; url: string }> {
	const session = await emulator.stripe.billingPortal.sessions.create({
		customer,
		return_url: RETURN_URL
	});
	expect(session.url).toMatch(new RegExp(`^${emulator.url}/p/session/`));
	const page = await phone.newPage();
	await page.goto(session.url);
	return { page, url: session.url };
}

const typesSince = async (since: number) =>
	(await emulator.stripe.events.list({ limit: 100, created: { gte: since } })).data
		.map((e) => e.type)
		.reverse();

describe('customer portal (Chromium, phone size, no JavaScript)', () => {
	it('shows the past-due subscription and invoices; a good card pays the open invoice and makes it active', async () => {
		const { customer, subscription } = await pastDueMember_();
		const { page } = await openPortal(customer.id);
		try {
			const card = page.getByTestId('subscription');
			await expect.poll(() => card.textContent()).toContain('Membership');
			expect(await card.textContent()).toContain('Past due');
			expect(await card.textContent()).toContain('$9.00 per month');
			expect(await page.getByText('Your last payment failed').count()).toBe(1);
			expect(await page.locator('table tr').count()).toBe(2);
			expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
				360
			);
			await page.getByLabel('Card number').fill('4000 0000 0000 0002');
			await page.getByLabel('Expiry').fill('12 / 34');
			await page.getByLabel('CVC').fill('123');
			await page.getByRole('button', { name: 'Update card' }).click();
			expect(await page.getByRole('alert').textContent()).toBe('Your card was declined.');
			expect((await emulator.stripe.subscriptions.retrieve(subscription)).status).toBe('past_due');
			const since = Math.floor(Date.now() / 1000);
			await page.getByLabel('Card number').fill('4242 4242 4242 4242');
			await page.getByLabel('Expiry').fill('12 / 34');
			await page.getByLabel('CVC').fill('123');
			await page.getByRole('button', { name: 'Update card' }).click();
			expect(await page.getByRole('status').textContent()).toContain('your invoice is paid');
			expect(await page.getByText('visa •••• 4242').count()).toBe(1);
			const active = await emulator.stripe.subscriptions.retrieve(subscription);
			expect(active.status).toBe('active');
			const customerNow = await emulator.stripe.customers.retrieve(customer.id);
			expect((customerNow as Stripe.Customer).invoice_settings.default_payment_method).toBe(
				active.default_payment_method
			);
			expect(await typesSince(since)).toEqual(
				expect.arrayContaining([
					'payment_method.attached',
					'customer.updated',
					'customer.subscription.updated',
					'invoice.paid'
				])
			);
		} finally {
			await page.close();
		}
	});

	it('cancels at the period end, renews, switches to yearly and returns to the store', async () => {
		const { customer } = await clockedCustomer(emulator.stripe, 'switch@example.com');
		const checkout = await subscriptionSession(emulator.stripe, plan.monthly.id, {
			customer: customer.id
		});
		await submitCheckout(checkout.url!, '4242424242424242');
		const subscription = String(
			(await emulator.stripe.checkout.sessions.retrieve(checkout.id)).subscription
		);
		const { page } = await openPortal(customer.id);
		try {
			await page.getByRole('button', { name: 'Cancel subscription' }).click();
			expect(await page.getByRole('status').textContent()).toContain('canceled');
			expect(await page.getByTestId('subscription').textContent()).toContain(
				'Cancels on April 1, 2030'
			);
			const ending = await emulator.stripe.subscriptions.retrieve(subscription);
			expect(ending).toMatchObject({ status: 'active', cancel_at_period_end: true });
			await page.getByRole('button', { name: 'Renew subscription' }).click();
			expect(await page.getByTestId('subscription').textContent()).toContain(
				'Renews on April 1, 2030'
			);
			expect(
				(await emulator.stripe.subscriptions.retrieve(subscription)).cancel_at_period_end
			).toBe(false);
			await page.getByRole('button', { name: 'Switch to $90.00 per year' }).click();
			expect(await page.getByTestId('subscription').textContent()).toContain('$90.00 per year');
			const yearly = await emulator.stripe.subscriptions.retrieve(subscription);
			expect(yearly.items.data[0].price.id).toBe(plan.yearly.id);
			expect(await page.getByRole('button', { name: 'Switch to $9.00 per month' }).count()).toBe(1);
			const back = page.getByRole('link', { name: /Return to the store/ });
			expect(await back.getAttribute('href')).toBe(RETURN_URL);
		} finally {
			await page.close();
		}
	});

	it('changes nothing for a subscription of another customer, and answers 404 for an unknown session', async () => {
		const mine = await clockedCustomer(emulator.stripe, 'mine@example.com');
		const theirs = await pastDueMember_();
		const session = await emulator.stripe.billingPortal.sessions.create({
			customer: mine.customer.id,
			return_url: RETURN_URL
		});
		const response = await fetch(`${session.url}/cancel`, {
			method: 'POST',
			body: new URLSearchParams({ subscription: theirs.subscription }),
			redirect: 'manual'
		});
		expect(response.status).toBe(400);
		const untouched = await emulator.stripe.subscriptions.retrieve(theirs.subscription);
		expect(untouched.cancel_at_period_end).toBe(false);
		expect((await fetch(`${emulator.url}/p/session/nope`)).status).toBe(404);
	});

	it('creates sessions with the default configuration or a given one, and lists configurations', async () => {
		const customer = await emulator.stripe.customers.create({ email: 'config@example.com' });
		const configuration = await emulator.stripe.billingPortal.configurations.create({
			features: {
				invoice_history: { enabled: true },
				subscription_cancel: { enabled: true, mode: 'immediately' },
				subscription_update: {
					enabled: true,
					default_allowed_updates: ['price'],
					products: [{ product: plan.product.id, prices: [plan.monthly.id, plan.yearly.id] }]
				}
			},
			default_return_url: RETURN_URL
		});
		expect(configuration.features.subscription_cancel.mode).toBe('immediately');
		const session = await emulator.stripe.billingPortal.sessions.create({
			customer: customer.id,
			configuration: configuration.id
		});
		expect(session).toMatchObject({ configuration: configuration.id, return_url: RETURN_URL });
		const listed = await emulator.stripe.billingPortal.configurations.list();
		expect(listed.data.map((c) => c.id)).toContain(configuration.id);
		await expect(
			emulator.stripe.billingPortal.sessions.create({
				customer: 'cus_missing',
				return_url: RETURN_URL
			})
		).rejects.toMatchObject({ statusCode: 404 });
	});
});
