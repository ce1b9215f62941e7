import { expect, test, type Browser, type BrowserContext } from '@playwright/test';
import { uniqueEmail } from '@storefront/local-stack';
import { stripe } from '../support/stripe.ts';
import {
	cachedContentPaths,
	expectServiceWorker,
	offlinePage,
	pngSize
} from './offline-support.ts';
import { buy, closeDb, expectReading, products, purchaseBySession } from './support.ts';

/**
 * Scenarios 13 to 16 (offline part): the installable app, reading offline what was read once,
 * the offline page, logout purging the device, a refund removing the device's copy.
 */

const read = (slug: string) => `/products/${slug}/read`;
const owned = products.night;
const neverOpened = products.houseplants;

type StorageState = Awaited<ReturnType<BrowserContext['storageState']>>;

/**
 * A buyer of two items, bought with service workers blocked, so the device the tests then use
 * (a second context sharing the session) has opened neither.
 */
async function buyerOfTwo(browser: Browser) {
	const context = await browser.newContext({ serviceWorkers: 'block' });
	const page = await context.newPage();
	const email = uniqueEmail('offline');
	const ownedSession = await buy(page, owned, email);
	await expectReading(page, owned);
	await buy(page, neverOpened);
	await expectReading(page, neverOpened);
	const state = await context.storageState();
	await context.close();
	return { state, ownedSession };
}

test.afterAll(closeDb);

test('13: the manifest, its icons (192, 512, maskable) and a service worker make the store installable', async ({
	page
}) => {
	await page.goto('/');
	const href = await page.locator('link[rel="manifest"]').getAttribute('href');
	const manifestUrl = new URL(href!, page.url());
	const response = await page.request.get(manifestUrl.href);
	expect(response.headers()['content-type']).toContain('application/manifest+json');
	const manifest = await response.json();
	expect(manifest).toMatchObject({ start_url: '/', display: 'standalone' });
	expect(manifest.name).toBeTruthy();
	expect(manifest.short_name).toBeTruthy();
	expect(manifest.theme_color).toMatch(/^#[0-9a-f]{6}$/);
	expect(manifest.background_color).toMatch(/^#[0-9a-f]{6}$/);

	const icons = manifest.icons as { src: string; sizes: string; purpose: string }[];
	for (const wanted of [
		{ sizes: '192x192', purpose: 'any' },
		{ sizes: '512x512', purpose: 'any' },
		{ sizes: '512x512', purpose: 'maskable' }
	]) {
		const icon = icons.find((i) => i.sizes === wanted.sizes && i.purpose === wanted.purpose);
		expect(icon, `${wanted.purpose} icon ${wanted.sizes}`).toBeTruthy();
		const png = await page.request.get(new URL(icon!.src, manifestUrl).href);
		expect(png.ok()).toBe(true);
		const { width, height } = pngSize(await png.body());
		expect(`${width}x${height}`).toBe(wanted.sizes);
	}
	const touchIcon = await page.locator('link[rel="apple-touch-icon"]').getAttribute('href');
	expect((await page.request.get(new URL(touchIcon!, page.url()).href)).ok()).toBe(true);

	await expectServiceWorker(page);
});

test.describe.serial('a buyer on one device', () => {
	let buyer: Awaited<ReturnType<typeof buyerOfTwo>>;
	let device: BrowserContext;

	test.beforeAll(async ({ browser }) => {
		test.setTimeout(90_000);
		buyer = await buyerOfTwo(browser);
		device = await browser.newContext({ storageState: buyer.state as StorageState });
	});
	test.afterAll(() => device?.close());

	test('14: what was read once opens offline, with the library; the rest shows the offline page', async () => {
		const page = await device.newPage();
		await page.goto('/library');
		await expectServiceWorker(page);
		// Read one item, once, with the worker in place; the other stays unopened on this device.
		await page.goto(read(owned.slug));
		await expectReading(page, owned);
		await page.goto('/library');
		const ownedRow = page.getByRole('listitem').filter({ hasText: owned.title });
		const unopenedRow = page.getByRole('listitem').filter({ hasText: neverOpened.title });
		await expect(ownedRow.getByText('Available offline', { exact: true })).toBeVisible();
		await expect(unopenedRow.getByText('Not available offline', { exact: true })).toBeVisible();
		expect(await cachedContentPaths(page)).toEqual(['/library', read(owned.slug)]);

		await device.setOffline(true);
		try {
			await page.goto('/library');
			await expect(page.getByRole('heading', { name: 'Your library', exact: true })).toBeVisible();
			await expect(ownedRow.getByText('Available offline', { exact: true })).toBeVisible();
			await expect(unopenedRow.getByText('Not available offline', { exact: true })).toBeVisible();
			// Following the link in the page (the client router) reaches the saved copy too.
			await ownedRow.getByRole('link').click();
			await expectReading(page, owned);

			await page.goto(read(neverOpened.slug));
			await offlinePage(page);
			await expect(page.getByText(`“${neverOpened.slug}” was not saved`)).toBeVisible();
			await page.getByRole('link', { name: 'library' }).click();
			await expect(page.getByRole('heading', { name: 'Your library', exact: true })).toBeVisible();

			await page.goto(`/products/${products.bike.slug}`);
			await offlinePage(page);
			await expect(page.getByText('This page was not saved on this device.')).toBeVisible();
		} finally {
			await device.setOffline(false);
		}
		await page.close();
	});

	test('14: "Save offline" keeps an item on the device without opening it', async () => {
		const page = await device.newPage();
		await page.goto('/library');
		await expectServiceWorker(page);
		const unopenedRow = page.getByRole('listitem').filter({ hasText: neverOpened.title });
		await unopenedRow.getByRole('button', { name: `Save offline ${neverOpened.title}` }).click();
		await expect(unopenedRow.getByText('Available offline', { exact: true })).toBeVisible();
		expect(await cachedContentPaths(page)).toContain(read(neverOpened.slug));

		await device.setOffline(true);
		try {
			await page.goto(read(neverOpened.slug));
			await expectReading(page, neverOpened);
		} finally {
			await device.setOffline(false);
		}
		await page.close();
	});

	test('16: after a refund, back online, the item leaves the library and the device', async () => {
		const page = await device.newPage();
		await page.goto('/library');
		await expectServiceWorker(page);
		expect(await cachedContentPaths(page)).toContain(read(owned.slug));

		const session = await stripe.checkout.sessions.retrieve(buyer.ownedSession);
		await stripe.refunds.create({ payment_intent: String(session.payment_intent) });
		await expect
			.poll(async () => (await purchaseBySession(buyer.ownedSession))?.status, {
				timeout: 20_000
			})
			.toBe('refunded');

		// Back online: the library is fetched again and drops both the row and the copy.
		await page.goto('/library');
		await expect(page.getByRole('heading', { name: 'Your library', exact: true })).toBeVisible();
		await expect(page.getByText(owned.title)).toHaveCount(0);
		expect(await cachedContentPaths(page)).not.toContain(read(owned.slug));
		expect(await cachedContentPaths(page)).toContain(read(neverOpened.slug));

		await device.setOffline(true);
		try {
			await page.goto(read(owned.slug));
			await offlinePage(page);
		} finally {
			await device.setOffline(false);
		}
		await page.close();
	});

	test('15: logging out removes the paid content from the device', async () => {
		const page = await device.newPage();
		await page.goto('/library');
		await expectServiceWorker(page);
		await page.goto(read(neverOpened.slug));
		expect(await cachedContentPaths(page)).toContain(read(neverOpened.slug));
		// Only the page's own purge is under test here: strip the server's Clear-Site-Data.
		await page.route('**/logout', async (route) => {
			const response = await route.fetch({ maxRedirects: 0 });
			const headers = { ...response.headers() };
			delete headers['clear-site-data'];
			await route.fulfill({ response, headers });
		});
		await page.getByRole('banner').getByRole('button', { name: 'Log out' }).click();
		await expect(page.getByRole('banner').getByRole('link', { name: 'Log in' })).toBeVisible();
		expect(await cachedContentPaths(page)).toEqual([]);
		await page.close();
	});
});

test('15: without the page script, the logout response clears the device (Clear-Site-Data)', async ({
	browser
}) => {
	const device = await browser.newContext();
	try {
		const page = await device.newPage();
		await page.goto('/');
		await expectServiceWorker(page);
		await buy(page, products.bike, uniqueEmail('offline-nojs'));
		await page.goto(read(products.bike.slug));
		await expectReading(page, products.bike);
		expect(await cachedContentPaths(page)).toContain(read(products.bike.slug));

		// form.submit() skips the submit handler, as a browser without JavaScript would.
		await page
			.getByRole('banner')
			.locator('form[action="/logout"]')
			.evaluate((form: HTMLFormElement) => form.submit());
		await expect(page.getByRole('banner').getByRole('link', { name: 'Log in' })).toBeVisible();
		expect(await cachedContentPaths(page)).toEqual([]);
	} finally {
		await device.close();
	}
});
