import { expect, test, type Page } from '@playwright/test';
import { uniqueEmail } from '@storefront/local-stack';
import {
	bank,
	buy,
	cards,
	closeDb,
	eventFor,
	expectDelivered,
	expectLoggedOut,
	expectNoMoreEmails,
	expectReading,
	freshPage,
	logInWithLink,
	openCheckout,
	pay,
	products,
	purchaseBySession,
	purchaseEmail,
	stripeClient,
	userIdOf,
	type TestProduct
} from './support.ts';

// Scenarios 16 and 17 of acceptance.md: payments that settle later, refunds and disputes.

test.afterAll(closeDb);

async function expectNoAccess(page: Page, product: TestProduct) {
	await page.goto(`/products/${product.slug}/read`);
	await expect(page).toHaveURL(`/products/${product.slug}`);
	await expect(page.getByText(product.fullText)).toHaveCount(0);
}

/** The library, reloaded until it lists the product (or no longer does). */
async function expectInLibrary(page: Page, product: TestProduct, listed: boolean) {
	await expect(async () => {
		await page.goto('/library');
		await expect(page.getByRole('link', { name: new RegExp(product.title) })).toHaveCount(
			listed ? 1 : 0,
			{ timeout: 1_000 }
		);
	}).toPass({ timeout: 20_000 });
}

test('17: a payment that settles later grants access only once it has succeeded', async ({
	page,
	browser
}) => {
	const email = uniqueEmail('later');
	const product = products.ferments;
	const sessionId = await openCheckout(page, product);
	await pay(page, { email, card: cards.paysLater });

	await expect(page).toHaveURL(`/products/${product.slug}?checkout=processing`);
	await expect(page.getByRole('status')).toContainText('Your payment is still processing');
	await expectLoggedOut(page);
	expect(await purchaseBySession(sessionId)).toBeUndefined();
	await expectNoAccess(page, product);

	const succeeded = await eventFor(sessionId, 'checkout.session.async_payment_succeeded');
	await expectDelivered(succeeded);
	expect(await purchaseBySession(sessionId)).toMatchObject({ slug: product.slug, status: 'paid' });
	const { link } = await purchaseEmail(email, product, 30_000);
	await expectNoMoreEmails(email, 1);
	const reader = await freshPage(browser);
	await logInWithLink(reader, link);
	await expectReading(reader, product);
});

test('17: a payment that fails later never grants access', async ({ page }) => {
	const email = uniqueEmail('fails');
	const product = products.bike;
	const sessionId = await openCheckout(page, product);
	await pay(page, { email, card: cards.failsLater });
	await expect(page).toHaveURL(`/products/${product.slug}?checkout=processing`);

	const failed = await eventFor(sessionId, 'checkout.session.async_payment_failed');
	await expectDelivered(failed);
	expect(await purchaseBySession(sessionId)).toBeUndefined();
	expect(await userIdOf(email)).toBeUndefined();
	await expectNoAccess(page, product);
	await expectNoMoreEmails(email, 0, 3_000);
});

test('16: a full refund takes the item out of the library', async ({ page }) => {
	const email = uniqueEmail('refund');
	const product = products.night;
	const sessionId = await buy(page, product, email);
	await expectReading(page, product);
	await expectInLibrary(page, product, true);
	await expectDelivered(await eventFor(sessionId));

	const session = await stripeClient().checkout.sessions.retrieve(sessionId);
	await stripeClient().refunds.create({ payment_intent: String(session.payment_intent) });
	await expect.poll(async () => (await purchaseBySession(sessionId))?.status).toBe('refunded');
	await expectInLibrary(page, product, false);
	await expectNoAccess(page, product);
	await page.goto('/');
	await expect(page.getByRole('link', { name: 'Owned — read' })).toHaveCount(0);
});

test('16: a dispute takes the item away; a dispute won gives it back', async ({ page }) => {
	const email = uniqueEmail('dispute');
	const product = products.houseplants;
	const sessionId = await buy(page, product, email);
	await expectReading(page, product);
	await expectDelivered(await eventFor(sessionId));

	const session = await stripeClient().checkout.sessions.retrieve(sessionId, {
		expand: ['payment_intent']
	});
	const intent = session.payment_intent as { latest_charge: string };
	const dispute = await bank.dispute(intent.latest_charge);
	await expect.poll(async () => (await purchaseBySession(sessionId))?.status).toBe('disputed');
	await expectInLibrary(page, product, false);
	await expectNoAccess(page, product);

	await bank.closeDispute(dispute.id, 'won');
	await expect.poll(async () => (await purchaseBySession(sessionId))?.status).toBe('paid');
	await expectInLibrary(page, product, true);
});
