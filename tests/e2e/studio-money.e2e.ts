import { expect, test } from '@playwright/test';
import { uniqueEmail } from '@storefront/local-stack';
import {
	buy,
	closeDb,
	expectDelivered,
	eventFor,
	expectReading,
	freshPage,
	products,
	purchasesOf
} from './support.ts';
import { signInAsSeller } from './studio-support.ts';

/** Scenario 19: the seller sees the sale, refunds it from the studio, and the buyer loses access. */

test.afterAll(closeDb);

test('19: a sale shows on the dashboard; the seller refunds it; the buyer loses access; the audit log and the CSV show it', async ({
	page,
	browser
}) => {
	const buyer = await freshPage(browser);
	const email = uniqueEmail('refunded');
	const product = products.bike;
	const sessionId = await buy(buyer, product, email);
	await expectReading(buyer, product);
	await expectDelivered(await eventFor(sessionId));

	await signInAsSeller(page);
	await page.goto('/admin/sales');
	await expect(page.getByRole('img', { name: /Revenue per day in USD/ })).toBeVisible();
	const row = page.getByRole('row').filter({ hasText: email });
	await expect(row).toContainText(product.title);
	await expect(row).toContainText('paid');

	await row.getByRole('link').click();
	await expect(page.getByRole('heading', { name: product.title })).toBeVisible();
	await page.getByLabel('Reason').selectOption('requested_by_customer');
	await page.getByRole('button', { name: 'Refund' }).click();
	await expect(page.getByText(/Refund of \$14\.00 requested/)).toBeVisible();

	// Stripe's charge.refunded arrives; the order says refunded, and the buyer loses the item.
	await expect(async () => {
		await page.reload();
		await expect(page.getByText('refunded', { exact: true })).toBeVisible({ timeout: 1000 });
	}).toPass({ timeout: 20_000 });
	await expect(page.getByText(/charge\.refunded · revoked/)).toBeVisible();
	expect((await purchasesOf(email))[0].status).toBe('refunded');
	await buyer.goto(`/products/${product.slug}/read`);
	await expect(buyer).toHaveURL(`/products/${product.slug}`);

	// The audit log, from the order.
	await page.getByRole('link', { name: 'All events of this order in the billing log' }).click();
	await expect(page.getByRole('row').filter({ hasText: 'charge.refunded' })).toContainText(
		'revoked'
	);
	await expect(
		page.getByRole('row').filter({ hasText: 'checkout.session.completed' })
	).toContainText('fulfilled');

	// The CSV of the range has the row, refunded.
	await page.goto('/admin/sales');
	const download = page.waitForEvent('download');
	await page.getByRole('link', { name: 'Orders as CSV' }).click();
	const csv = await (await (await download).createReadStream()).toArray();
	const text = Buffer.concat(csv).toString('utf8');
	expect(text.split('\n')[0]).toBe(
		'created_at,order_id,email,product,amount,amount_refunded,currency,status,stripe_checkout_session,stripe_payment_intent'
	);
	expect(text).toMatch(
		new RegExp(`${email},${product.title},14\\.00,14\\.00,usd,refunded,${sessionId}`)
	);
});
