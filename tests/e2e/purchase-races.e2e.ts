import { expect, test } from '@playwright/test';
import { uniqueEmail } from '@storefront/local-stack';
import {
	buy,
	closeDb,
	eventFor,
	expectDelivered,
	expectLoggedIn,
	expectLoggedOut,
	expectNoMoreEmails,
	expectReading,
	freshPage,
	openCheckout,
	payHoldingReturn,
	products,
	purchaseBySession,
	purchaseEmail,
	purchasesOf,
	readOnAnotherDevice,
	releaseTimed,
	returnUrl,
	userIdOf,
	webhooks
} from './support.ts';

// Scenario 6 of acceptance.md in both arrival orders, the duplicate storm, and success URLs
// opened where they should grant nothing.

test.afterAll(closeDb);
// Webhook deliveries are paused for the whole stack: never leave them held after a test.
test.afterEach(async () => {
	await webhooks.resume();
});

const orders = ['return first', 'webhook first'] as const;
const credentials = ['link', 'code'] as const;

for (const order of orders) {
	for (const credential of credentials) {
		test(`6, ${order}: access at once, one purchase, one email whose ${credential} works after`, async ({
			page,
			browser
		}) => {
			const email = uniqueEmail('race');
			const product = credential === 'link' ? products.sourdough : products.houseplants;
			if (order === 'return first') await webhooks.pause();
			const sessionId = await openCheckout(page, product);
			const payment = await payHoldingReturn(page, { email });
			const eventId = await eventFor(sessionId);
			if (order === 'webhook first') {
				// The webhook records the purchase before the buyer is back; the return makes the account.
				await expectDelivered(eventId);
				expect(await purchaseBySession(sessionId)).toMatchObject({
					slug: product.slug,
					user_id: null
				});
				expect(await userIdOf(email)).toBeUndefined();
			} else {
				expect(await purchaseBySession(sessionId)).toBeUndefined();
				expect(await webhooks.attempts(eventId)).toHaveLength(0);
			}

			const ms = await releaseTimed(page, payment.release, /\/read\?checkout=thanks$/);
			test.info().annotations.push({
				type: 'figure',
				description: `${order}: from the redirect to /return to the read page's response: ${ms} ms`
			});
			await expectReading(page, product);
			await expectLoggedIn(page, email);

			if (order === 'return first') {
				expect(await purchaseBySession(sessionId)).toMatchObject({ slug: product.slug });
				await webhooks.resume();
				await expectDelivered(eventId);
			}
			expect(await purchasesOf(email)).toHaveLength(1);
			const sent = await purchaseEmail(email, product);
			await expectNoMoreEmails(email, 1);

			// The emailed token was issued after the return-path login: it still works.
			await readOnAnotherDevice(
				browser,
				email,
				product,
				credential === 'link' ? { link: sent.link } : { code: sent.code }
			);
		});
	}
}

test('50 concurrent deliveries of the event racing the return: one purchase, one email', async ({
	page
}) => {
	const email = uniqueEmail('storm');
	const product = products.bike;
	await webhooks.pause();
	const sessionId = await openCheckout(page, product);
	const payment = await payHoldingReturn(page, { email });
	const eventId = await eventFor(sessionId);
	// The original delivery plus 49 copies, all held, then let go together with the return.
	for (const copies of [10, 10, 10, 10, 9]) await webhooks.redeliver(eventId, copies);

	const released = Date.now();
	await webhooks.resume();
	await payment.release();
	await expectReading(page, product);
	await expectLoggedIn(page, email);
	await expectDelivered(eventId, 50, 30_000);
	const ms = Date.now() - released;
	test.info().annotations.push({
		type: 'figure',
		description: `50 deliveries answered 2xx within ${ms} ms of the release (${Math.round(50_000 / ms)} events/s), the return included`
	});

	const attempts = await webhooks.attempts(eventId);
	expect(attempts.filter((a) => a.status === null || a.status >= 300)).toEqual([]);
	expect(await purchasesOf(email)).toHaveLength(1);
	await purchaseEmail(email, product);
	await expectNoMoreEmails(email, 1);
});

test('a success URL replayed in a fresh browser logs nobody in', async ({ page, browser }) => {
	const email = uniqueEmail('replay');
	const product = products.night;
	const sessionId = await buy(page, product, email);
	await expectReading(page, product);

	const replay = await freshPage(browser);
	await replay.goto(returnUrl(product, sessionId));
	await expect(replay).toHaveURL(`/products/${product.slug}?checkout=check-email`);
	await expectLoggedOut(replay);
	await replay.goto(`/products/${product.slug}/read`);
	await expect(replay).toHaveURL(`/products/${product.slug}`);
	await expect(replay.getByText(product.fullText)).toHaveCount(0);
	expect(await purchasesOf(email)).toHaveLength(1);
});

test("a return URL of one product with another product's session grants nothing", async ({
	browser
}) => {
	const email = uniqueEmail('swap');
	const paidFor = products.houseplants;
	const other = products.bike;
	const buyer = await freshPage(browser);
	const sessionId = await openCheckout(buyer, paidFor);
	const payment = await payHoldingReturn(buyer, { email });
	await payment.drop();

	// Even the buying browser, nonce and all, gets only an error for the dearer product.
	const tab = await buyer.context().newPage();
	const response = await tab.goto(returnUrl(other, sessionId));
	expect(response?.status()).toBe(400);
	await expect(tab.getByText('This payment is for another product.')).toBeVisible();
	await tab.goto('/');
	await expectLoggedOut(tab);

	// The webhook records what was paid for, and only that.
	await expect.poll(() => purchaseBySession(sessionId)).toMatchObject({ slug: paidFor.slug });
	expect((await purchasesOf(email)).map((p) => p.slug)).toEqual([paidFor.slug]);
	await tab.goto(`/products/${other.slug}/read`);
	await expect(tab).toHaveURL(`/products/${other.slug}`);
	await expectLoggedOut(tab);
});
