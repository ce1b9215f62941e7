import { expect, test } from '@playwright/test';
import { uniqueEmail, waitForEmails } from '@storefront/local-stack';
import {
	buy,
	cards,
	closeDb,
	credentialsIn,
	expectLoggedIn,
	expectLoggedOut,
	expectNoMoreEmails,
	expectReading,
	freshPage,
	logInWithCode,
	logInWithLink,
	openCheckout,
	pay,
	payHoldingReturn,
	products,
	purchaseBySession,
	purchaseEmail,
	purchasesOf,
	readOnAnotherDevice,
	userIdOf
} from './support.ts';

// Scenarios 3, 4, 5, 7 and 7b of acceptance.md: a purchase through the emulator's hosted page.

test.afterAll(closeDb);

test('3: a guest pays with 4242, is logged in reading it, and gets exactly one purchase email', async ({
	page,
	browser
}) => {
	const email = uniqueEmail('guest');
	const product = products.sourdough;
	const sessionId = await buy(page, product, email);

	await expectReading(page, product);
	await expect(page.getByRole('status')).toContainText('Thank you for your purchase');
	await expectLoggedIn(page, email);

	await page.goto('/');
	const owned = page.getByRole('link', { name: 'Owned — read' });
	await expect(owned).toHaveCount(1);
	await expect(
		page.getByRole('listitem').filter({ hasText: product.title }).getByRole('link', {
			name: 'Owned — read'
		})
	).toBeVisible();

	await page.goto('/library');
	await expect(page.getByRole('heading', { name: 'Your library', exact: true })).toBeVisible();
	await expect(page.getByRole('link', { name: new RegExp(product.title) })).toBeVisible();

	const purchases = await purchasesOf(email);
	expect(purchases).toHaveLength(1);
	expect(purchases[0]).toMatchObject({ slug: product.slug, stripe_checkout_session_id: sessionId });
	expect(purchases[0].user_id).toBe(await userIdOf(email));

	const { link, code } = await purchaseEmail(email, product);
	expect(link).toMatch(
		new RegExp(
			`^/auth/confirm/products/${product.slug}/read\\?token_hash=[0-9a-f]{56}&type=magiclink$`
		)
	);
	await expectNoMoreEmails(email, 1);

	// Another device: the link's GET shows a button, the POST logs in and opens the content.
	await readOnAnotherDevice(browser, email, product, { link });

	// Link and code are one token: once the link is used, the code is spent too.
	const app = await freshPage(browser);
	await logInWithCode(app, email, code);
	await expect(app.getByRole('alert')).toContainText('wrong, used or expired');
	await app.goto('/library');
	await expect(app).toHaveURL('/login?next=/library');
	await expectLoggedOut(app);
});

test('3: the code of the purchase email logs in another device (the installed app)', async ({
	page,
	browser
}) => {
	const email = uniqueEmail('app');
	const product = products.night;
	await buy(page, product, email);
	await expectReading(page, product);

	const { code } = await purchaseEmail(email, product);
	await readOnAnotherDevice(browser, email, product, { code });
});

test('4: a declined card shows why, records nothing, and the guest can pay again', async ({
	page
}) => {
	const email = uniqueEmail('declined');
	const product = products.houseplants;
	const sessionId = await openCheckout(page, product);
	await pay(page, { email, card: cards.declined });

	await expect(page.getByRole('alert')).toHaveText('Your card was declined.');
	await expect(page.getByRole('button', { name: /^Pay / })).toBeEnabled();
	expect(await purchaseBySession(sessionId)).toBeUndefined();
	expect(await userIdOf(email)).toBeUndefined();
	await expectNoMoreEmails(email, 0, 3_000);
	expect(await purchaseBySession(sessionId)).toBeUndefined();
	expect(await userIdOf(email)).toBeUndefined();

	// The same page, a good card: paid, back on the store, reading.
	await pay(page, { email, card: cards.ok });
	await expectReading(page, product);
	await expectLoggedIn(page, email);
	expect(await purchasesOf(email)).toHaveLength(1);
});

test('5: the buyer never comes back: the webhook records it and the email link gives access', async ({
	browser
}) => {
	const email = uniqueEmail('gone');
	const product = products.bike;
	const buyer = await freshPage(browser);
	const sessionId = await openCheckout(buyer, product);
	// The browser is closed the moment it is sent back: the return request never reaches the store.
	const payment = await payHoldingReturn(buyer, { email });
	expect(payment.returnUrl).toContain(`/products/${product.slug}/return?session_id=${sessionId}`);
	const paidAt = Date.now();
	await payment.drop();
	await buyer.context().close();

	await expect
		.poll(() => purchaseBySession(sessionId), { timeout: 20_000 })
		.toMatchObject({ slug: product.slug, status: 'paid' });
	const { link } = await purchaseEmail(email, product, 30_000);
	test.info().annotations.push({
		type: 'figure',
		description: `email without a return arrived ${Date.now() - paidAt} ms after paying`
	});
	await expectNoMoreEmails(email, 1);
	expect(await purchasesOf(email)).toHaveLength(1);

	await readOnAnotherDevice(browser, email, product, { link });
});

test('7: a logged-in buyer sees the email fixed at checkout; both purchases are one account', async ({
	page
}) => {
	const email = uniqueEmail('repeat');
	await buy(page, products.night, email);
	await expectReading(page, products.night);

	await openCheckout(page, products.houseplants);
	const field = page.getByLabel('Email');
	await expect(field).toHaveValue(email);
	await expect(field).toHaveAttribute('readonly', '');
	await pay(page, {});
	await expectReading(page, products.houseplants);
	await expectLoggedIn(page, email);

	const purchases = await purchasesOf(email);
	expect(purchases.map((p) => p.slug)).toEqual([products.night.slug, products.houseplants.slug]);
	expect(new Set(purchases.map((p) => p.user_id))).toEqual(new Set([await userIdOf(email)]));

	await page.goto('/library');
	await expect(page.getByRole('link', { name: new RegExp(products.night.title) })).toBeVisible();
	await expect(
		page.getByRole('link', { name: new RegExp(products.houseplants.title) })
	).toBeVisible();
	const mails = await waitForEmails(email, 2, 20_000);
	expect(mails.map((m) => m.subject).sort()).toEqual(
		[
			`Your purchase: ${products.houseplants.title}`,
			`Your purchase: ${products.night.title}`
		].sort()
	);
	await expectNoMoreEmails(email, 2);
});

test("7b: another browser paying with a buyer's email adds it to that account without logging in", async ({
	page,
	browser
}) => {
	const owner = uniqueEmail('owner');
	await buy(page, products.night, owner);
	await purchaseEmail(owner, products.night);
	const ownerId = await userIdOf(owner);

	const stranger = await freshPage(browser);
	const sessionId = await openCheckout(stranger, products.ferments);
	await pay(stranger, { email: owner });
	await expect(stranger).toHaveURL(`/products/${products.ferments.slug}?checkout=check-email`);
	await expect(stranger.getByRole('status')).toContainText('The purchase was added to the account');
	await expect(stranger.getByRole('status')).toContainText('Check your inbox');
	await expectLoggedOut(stranger);
	await stranger.goto(`/products/${products.ferments.slug}/read`);
	await expect(stranger).toHaveURL(`/products/${products.ferments.slug}`);
	await expect(stranger.getByText(products.ferments.fullText)).toHaveCount(0);

	const purchase = await purchaseBySession(sessionId);
	expect(purchase).toMatchObject({ slug: products.ferments.slug, user_id: ownerId });

	// The owner gets the purchase email, and its link opens the new item.
	const mails = await waitForEmails(owner, 2, 20_000);
	const mail = mails.find((m) => m.subject === `Your purchase: ${products.ferments.title}`);
	expect(mail, 'the purchase email of the second item').toBeTruthy();
	await expectNoMoreEmails(owner, 2);
	const { link } = credentialsIn(mail!.html);
	const ownerPhone = await freshPage(browser);
	await logInWithLink(ownerPhone, link);
	await expectReading(ownerPhone, products.ferments);
	await expectLoggedIn(ownerPhone, owner);
});
