import { appendFileSync, cpSync, rmSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { startApp } from '../support/app-process.ts';
import { expectAccessible } from './a11y-support.ts';
import { seedBuyer } from './login-support.ts';
import { cachedContentPaths, expectServiceWorker } from './offline-support.ts';
import { deviceOf } from './reading-support.ts';
import { closeDb, expectReading, products } from './support.ts';

/** Scenario 23 (the app's conventions): offline indicator, update prompt, install, save feedback. */

test.afterAll(closeDb);

/** The port of the store this file redeploys (beside the suite's own on 4173). */
const UPDATE_PORT = 4175;

test('the app shell says when the device is offline, and when it is back', async ({ page }) => {
	await page.goto('/');
	const status = page.getByRole('status').filter({ hasText: /offline|online/i });
	await expect(status).toHaveCount(0);
	await page.context().setOffline(true);
	await expect(status).toHaveText('Offline: what you saved on this device still opens.');
	await expectAccessible(page, 'offline indicator');
	await page.context().setOffline(false);
	await expect(status).toHaveText('Back online.');
});

test('a new build’s service worker waits and offers "Update available — Reload"; after it, content is still kept per user', async ({
	browser
}) => {
	test.setTimeout(90_000);
	// A store of its own, so it can be redeployed mid-test: this build, then the next one (the
	// same with a changed worker, as every deploy changes its precache list).
	// Inside the project (the test's output folder), where the build finds its node_modules.
	const next = test.info().outputPath('next-build');
	cpSync('build', next, { recursive: true });
	const worker = path.join(next, 'client/service-worker.js');
	appendFileSync(worker, '\n// the next build\n');
	// The server would send the precompressed copies of the old worker.
	rmSync(`${worker}.br`, { force: true });
	rmSync(`${worker}.gz`, { force: true });
	let store = await startApp(UPDATE_PORT);
	const buyer = await seedBuyer(products.ferments);
	const device = await deviceOf(browser, buyer.email, store.origin);
	try {
		const page = await device.newPage();
		await page.goto(`${store.origin}/library`);
		await expectServiceWorker(page);
		const prompt = page.getByRole('status').filter({ hasText: 'Update available.' });
		await expect(prompt).toHaveCount(0);

		await store.stop();
		store = await startApp(UPDATE_PORT, {}, next);
		await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())!.update());

		await expect(prompt).toBeVisible();
		await expectAccessible(page, 'update prompt');
		// Until the buyer says so, the new version waits and the old one keeps the page.
		const states = () =>
			page.evaluate(async () => {
				const registration = (await navigator.serviceWorker.getRegistration())!;
				return { waiting: registration.waiting?.state ?? null, active: registration.active?.state };
			});
		expect(await states()).toEqual({ waiting: 'installed', active: 'activated' });

		// The page reloads once the new version has taken over.
		const reloaded = page.waitForEvent('load');
		await prompt.getByRole('button', { name: 'Reload' }).click();
		await reloaded;
		await expect.poll(states).toEqual({ waiting: null, active: 'activated' });
		await expect(page.getByRole('heading', { name: 'Your library', exact: true })).toBeVisible();
		await expect(prompt).toHaveCount(0);

		// The new version applies the same rules: the item read is kept for its owner, offline too.
		const read = `${store.origin}/products/${products.ferments.slug}/read`;
		await page.goto(read);
		await expectReading(page, products.ferments);
		expect(await cachedContentPaths(page)).toContain(`/products/${products.ferments.slug}/read`);
		await device.setOffline(true);
		await page.reload();
		await expectReading(page, products.ferments);
	} finally {
		await device.close();
		await store.stop();
		rmSync(next, { recursive: true, force: true });
	}
});

test('where the browser offers to install, an Install button takes the offer', async ({ page }) => {
	await page.goto('/');
	// The store's page has started (it registered the worker) and listens for the offer.
	await expectServiceWorker(page);
	await expect(page.getByRole('button', { name: 'Install app' })).toHaveCount(0);
	// What Chromium fires once the store is installable (headless Chromium never does).
	await page.evaluate(() => {
		const offer = new Event('beforeinstallprompt', { cancelable: true });
		Object.assign(offer, {
			prompt: async () => ((window as unknown as { prompted: boolean }).prompted = true),
			userChoice: Promise.resolve({ outcome: 'accepted' })
		});
		window.dispatchEvent(offer);
	});
	const install = page.getByRole('complementary', { name: 'Install the app' });
	await expectAccessible(page, 'install button');
	await install.getByRole('button', { name: 'Install app' }).click();
	expect(await page.evaluate(() => (window as unknown as { prompted?: boolean }).prompted)).toBe(
		true
	);
	await expect(install).toHaveCount(0);
});

test('Safari on an iPhone explains Share → Add to Home Screen, once', async ({ browser }) => {
	const iphone = await browser.newContext({
		userAgent:
			'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1',
		viewport: { width: 390, height: 844 },
		isMobile: true,
		hasTouch: true
	});
	try {
		const page = await iphone.newPage();
		await page.goto('/');
		const hint = page.getByRole('complementary', { name: 'Install the app' });
		await expect(hint).toContainText('tap Share, then Add to Home Screen.');
		await expectAccessible(page, 'iOS install hint');
		await hint.getByRole('button', { name: 'Got it' }).click();
		await expect(hint).toHaveCount(0);
		await page.reload();
		await expect(page.getByRole('heading', { level: 2 }).first()).toBeVisible();
		await expect(hint).toHaveCount(0);
	} finally {
		await iphone.close();
	}
});

test('"Save offline" says whether the browser keeps the copy, and why it failed when it did', async ({
	browser
}) => {
	const buyer = await seedBuyer(products.bike);
	const device = await deviceOf(browser, buyer.email);
	try {
		const page = await device.newPage();
		await page.goto('/library');
		await expectServiceWorker(page);
		const row = page.getByRole('listitem').filter({ hasText: products.bike.title });
		const save = row.getByRole('button', { name: `Save offline ${products.bike.title}` });

		await device.setOffline(true);
		await save.click();
		await expect(row.getByRole('alert')).toHaveText(
			'Not saved: this device is offline. Connect and try again.'
		);
		await expect(row.getByText('Not available offline', { exact: true })).toBeVisible();
		await expectAccessible(page, 'library, save failed');

		await device.setOffline(false);
		await save.click();
		await expect(row.getByText('Available offline', { exact: true })).toBeVisible();
		const persisted = await page.evaluate(() => navigator.storage.persisted());
		await expect(row.getByRole('status')).toHaveText(
			persisted
				? 'Saved on this device. It stays until you log out.'
				: 'Saved on this device. The browser may remove it if the device runs low on space.'
		);
	} finally {
		await device.close();
	}
});
