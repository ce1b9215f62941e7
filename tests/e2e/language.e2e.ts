import { expect, test } from '@playwright/test';
import { products } from './support.ts';

/** Scenario 23 (language): prices and dates in the visitor's locale, the currency the product's. */

test('a German visitor sees German prices in each product’s own currency, and lang="de-DE"', async ({
	browser
}) => {
	const context = await browser.newContext({ locale: 'de-DE' });
	try {
		const page = await context.newPage();
		const messages: string[] = [];
		page.on('console', (m) => messages.push(`${m.type()}: ${m.text()}`));
		const response = await page.goto('/');
		expect(response?.headers()['content-language']).toBe('de-DE');
		expect(response?.headers()['vary']).toMatch(/accept-language/i);
		await expect(page.locator('html')).toHaveAttribute('lang', 'de-DE');
		const card = (title: string) => page.getByRole('article').filter({ hasText: title });
		await expect(card(products.sourdough.title)).toContainText('12,00 €');
		await expect(card(products.night.title)).toContainText('9,00 $');
		await expect(card(products.houseplants.title)).toContainText('7,50 £');
		expect(messages.filter((m) => /hydrat|mismatch/i.test(m))).toEqual([]);
	} finally {
		await context.close();
	}
});

test('the browser formats with the locale the server negotiated, not its own', async ({
	browser
}) => {
	// The header asks for Dutch; the browser itself is German. Pages rendered in the browser
	// (client-side navigation) must agree with the server: Dutch formats.
	const context = await browser.newContext({ locale: 'de-DE' });
	await context.route('**/*', (route) =>
		route.continue({ headers: { ...route.request().headers(), 'accept-language': 'nl-NL' } })
	);
	try {
		const page = await context.newPage();
		await page.goto('/');
		await expect(page.locator('html')).toHaveAttribute('lang', 'nl-NL');
		await page.getByRole('link', { name: products.sourdough.title }).click();
		await expect(page).toHaveURL(`/products/${products.sourdough.slug}`);
		await expect(page.locator('.price')).toHaveText('€\u00a012,00');
	} finally {
		await context.close();
	}
});
