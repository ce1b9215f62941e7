import { expect, test, type Browser, type Page } from '@playwright/test';
import { createAccount } from '../support/sessions.ts';
import { expectAccessible } from './a11y-support.ts';
import { seedBuyer } from './login-support.ts';
import { expectServiceWorker } from './offline-support.ts';
import { deviceOf } from './reading-support.ts';
import { uniqueEmail } from '@storefront/local-stack';
import { buy, closeDb, db, expectReading, products } from './support.ts';

/**
 * axe-core on every page of the store, logged out and in, as a buyer and as a seller, in the
 * light and the dark theme: no violation of any rule axe runs by default (WCAG 2 A and AA,
 * contrast included, and its best practices). The app shell's notices are checked where they
 * appear (app-shell.e2e.ts).
 */

test.afterAll(closeDb);

async function visit(page: Page, path: string, name = path) {
	const response = await page.goto(path);
	expect(response?.ok() || response?.status() === 404, `${path} answers`).toBe(true);
	// Every page also has one meta description of its own words.
	const description = page.locator('head meta[name="description"]');
	await expect(description, `${name}: one meta description`).toHaveCount(1);
	expect(await description.getAttribute('content'), name).toMatch(/\w{3,}/);
	await expectAccessible(page, name);
}

test('logged out: the storefront, a product, logging in, an error page and the offline page', async ({
	page
}) => {
	await visit(page, '/', 'storefront');
	await visit(page, `/products/${products.sourdough.slug}`, 'product');
	await visit(page, `/products/${products.clearEmails.slug}`, 'free product');
	await visit(page, '/login', 'login');
	await visit(page, '/login/code?next=/library', 'code');
	await visit(page, '/auth/confirm/library?token_hash=pkce_x&type=magiclink', 'confirm');
	await page.getByText('Have the 6-digit code instead?').click();
	await expectAccessible(page, 'confirm, code open');
	await visit(page, '/products/no-such-thing', 'error page');
	await visit(page, '/offline.html', 'offline page');
});

async function buyerDevice(browser: Browser) {
	const buyer = await seedBuyer(products.night);
	// Half read, so the library shows "Continue reading".
	await db()`insert into public.reading_positions (user_id, product_id, fraction, anchor, device_updated_at)
		select ${buyer.id}, id, 0.5, 'section-keep-it-still', now() from public.products
		where slug = ${products.night.slug}`;
	return { buyer, device: await deviceOf(browser, buyer.email) };
}

test('a buyer: storefront, owned product, reader, library, orders, logout', async ({ browser }) => {
	const { device } = await buyerDevice(browser);
	try {
		const page = await device.newPage();
		await visit(page, '/', 'storefront, signed in');
		await visit(page, `/products/${products.night.slug}`, 'owned product');
		await visit(page, `/products/${products.night.slug}/read`, 'reader');
		// After the reader: the library with its "Continue reading" card and an item kept offline.
		await expectServiceWorker(page);
		await visit(page, '/library', 'library');
		await visit(page, '/orders', 'orders');
		await visit(page, '/logout', 'logout');
		await page.keyboard.press('Tab');
		await expect(page.getByRole('link', { name: 'Skip to content' })).toBeFocused();
		await expect(page.getByRole('link', { name: 'Skip to content' })).toBeInViewport();
		await expectAccessible(page, 'skip link focused');
	} finally {
		await device.close();
	}
});

test('a guest back from Checkout: the thanks, and the offer to keep the library with the code', async ({
	page
}) => {
	await buy(page, products.sourdough, uniqueEmail('a11y-guest'));
	await expectReading(page, products.sourdough);
	await expect(
		page.getByRole('heading', { name: 'Keep your library on this device' })
	).toBeVisible();
	await expectAccessible(page, 'reader after the purchase');
	await visit(page, '/library', 'library of a scoped session');
	await visit(page, '/orders', 'orders of a scoped session');
});

/** A seller (what `npm run admin -- grant` makes), signed in with an emailed link. */
async function sellerDevice(browser: Browser) {
	const seller = await createAccount('a11y-seller', { role: 'admin' });
	return deviceOf(browser, seller.email);
}

test('a seller: the studio’s products, a product’s edit page, sales, events and an order', async ({
	browser
}) => {
	const buyer = await seedBuyer(products.houseplants);
	const [{ id: orderId }] = await db()<{ id: string }[]>`
		select id from public.purchases where user_id = ${buyer.id}`;
	const [{ id: productId }] = await db()<{ id: string }[]>`
		select id from public.products where slug = ${products.houseplants.slug}`;
	const device = await sellerDevice(browser);
	try {
		const page = await device.newPage();
		await visit(page, '/admin/products', 'studio products');
		await visit(page, '/admin/products/new', 'new product');
		await visit(page, `/admin/products/${productId}`, 'edit product');
		await visit(page, '/admin/sales', 'sales');
		await visit(page, '/admin/events', 'events');
		await visit(page, `/admin/orders/${orderId}`, 'order');
	} finally {
		await device.close();
	}
});
