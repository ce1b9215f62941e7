import { expect, test } from '@playwright/test';
import { uniqueEmail } from '@storefront/local-stack';
import { stripe } from '../support/stripe.ts';
import { buy, closeDb, db, expectReading, products } from './support.ts';

/** Scenario 23 (orders): each purchase with its date, amount, status and Stripe receipt. */

test.afterAll(closeDb);

/** Waits until the webhook has recorded what Stripe now holds for the payment. */
async function settled(sessionId: string, status: string, refunded: number) {
	await expect
		.poll(
			async () =>
				(
					await db()<{ status: string; amount_refunded: number }[]>`
						select status, amount_refunded from public.purchases
						where stripe_checkout_session_id = ${sessionId}`
				)[0],
			{ timeout: 20_000 }
		)
		.toEqual({ status, amount_refunded: refunded });
}

test('23: orders list a refunded purchase as refunded, a partial refund with its amount, and working receipts', async ({
	page
}) => {
	test.setTimeout(90_000);
	const email = uniqueEmail('orders');
	const refundedSession = await buy(page, products.night, email);
	await expectReading(page, products.night);
	const partlySession = await buy(page, products.bike);
	await expectReading(page, products.bike);

	const intentOf = async (id: string) =>
		String((await stripe.checkout.sessions.retrieve(id)).payment_intent);
	await stripe.refunds.create({ payment_intent: await intentOf(refundedSession) });
	await stripe.refunds.create({ payment_intent: await intentOf(partlySession), amount: 500 });
	await settled(refundedSession, 'refunded', 900);
	await settled(partlySession, 'paid', 500);

	await page.goto('/');
	await page.getByRole('banner').getByRole('link', { name: 'Orders' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Your orders' })).toBeVisible();
	const orders = page.getByRole('listitem');
	await expect(orders).toHaveCount(2);
	// Newest first: the bike guide ($14.00, $5.00 refunded), then the refunded night guide ($9.00).
	await expect(orders.nth(0)).toContainText(products.bike.title);
	await expect(orders.nth(0)).toContainText('$14.00');
	await expect(orders.nth(0)).toContainText('USD');
	await expect(orders.nth(0)).toContainText('Paid · $5.00 refunded');
	const refunded = orders.filter({ hasText: products.night.title });
	await expect(refunded).toContainText('$9.00');
	await expect(refunded.locator('.status')).toHaveText('Refunded');
	const today = new Intl.DateTimeFormat('en', { dateStyle: 'long', timeZone: 'UTC' }).format(
		new Date()
	);
	await expect(refunded.locator('time')).toHaveText(today);

	// The receipt is Stripe's page for the charge, showing the refund.
	await refunded.getByRole('link', { name: `Receipt for ${products.night.title}` }).click();
	await expect(page.getByRole('heading', { name: 'Receipt' })).toBeVisible();
	await expect(page.getByTestId('amount')).toHaveText('$9.00');
	await expect(page.getByTestId('status')).toHaveText('Refunded');
	expect(page.url()).toMatch(/\/receipts\/payment\/[A-Za-z0-9]+$/);
});

test('the receipt of an order is its buyer’s alone', async ({ page, browser }) => {
	const sessionId = await buy(page, products.houseplants, uniqueEmail('orders-mine'));
	await expectReading(page, products.houseplants);
	const [{ id }] = await db()<{ id: string }[]>`
		select id from public.purchases where stripe_checkout_session_id = ${sessionId}`;
	const stranger = await browser.newContext();
	try {
		const other = await stranger.newPage();
		await buy(other, products.sourdough, uniqueEmail('orders-other'));
		const response = await other.goto(`/orders/${id}/receipt`);
		expect(response?.status()).toBe(404);
		await expect(other.getByText('There is no Stripe receipt for this order.')).toBeVisible();
	} finally {
		await stranger.close();
	}
});
