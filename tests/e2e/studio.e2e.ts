import { expect, test } from '@playwright/test';
import { uniqueEmail } from '@storefront/local-stack';
import { buy, closeDb, expectReading, freshPage } from './support.ts';
import { cachedContentPaths, expectServiceWorker } from './offline-support.ts';
import { fillProduct, signInAsSeller } from './studio-support.ts';

/** Scenario 18 (products): a seller stocks the store from the studio, and buyers keep what they bought. */

test.afterAll(closeDb);

test('a seller creates a product (errors beside each field), publishes it, renames it, a guest buys it, and archiving keeps it for the buyer', async ({
	page,
	browser
}) => {
	await signInAsSeller(page);
	await page.goto('/admin/products/new');

	// Nothing typed: every required field says what it needs, and nothing is saved.
	await fillProduct(page, { title: '', price: '12.345' });
	await page.getByRole('button', { name: 'Create draft' }).click();
	await expect(page.getByText('Give the product a title.')).toBeVisible();
	await expect(page.getByText('Type a price such as 12 or 12.50')).toBeVisible();
	await expect(page.getByText('Write the content buyers get.')).toBeVisible();

	const title = `Field Notes on Tea ${Date.now().toString(36)}`;
	await fillProduct(page, {
		title,
		price: '4.5',
		currency: 'jpy',
		sample: 'A *short* taste.',
		body: '## Steeping\n\nThree minutes, never boiling water.'
	});
	await page.getByRole('button', { name: 'Create draft' }).click();
	// Yen have no decimals: the server says so, and keeps what was typed.
	await expect(page.getByText('JPY has no decimals: type a whole amount.')).toBeVisible();
	await expect(page.getByLabel('Title')).toHaveValue(title);
	await fillProduct(page, { price: '4.50', currency: 'eur' });
	await page.getByRole('button', { name: 'Create draft' }).click();
	await expect(page.getByText('Created as a draft.')).toBeVisible();
	const preview = page.getByRole('region', { name: 'Content for buyers (Markdown): preview' });
	await expect(preview.getByRole('heading', { name: 'Steeping' })).toBeVisible();

	const slug = await page.getByLabel('Address').inputValue();
	expect(slug).toMatch(/^field-notes-on-tea-/);
	const guest = await freshPage(browser);
	expect((await guest.goto(`/products/${slug}`))?.status()).toBe(404);

	// Published: in the shop with its price.
	await page.getByRole('button', { name: 'Publish' }).click();
	await expect(page.getByText('Published: it is in the shop.')).toBeVisible();
	await guest.goto('/');
	await expect(guest.getByRole('link', { name: title })).toBeVisible();
	await expect(guest.getByRole('listitem').filter({ hasText: title })).toContainText('€4.50');

	// A guest buys it and reads it, once, with the app's worker in place (a copy on the device).
	const product = { slug, title, fullText: 'Three minutes, never boiling water.' };
	await buy(guest, product, uniqueEmail('tea'));
	await expectReading(guest, product);
	await expectServiceWorker(guest);
	await guest.goto(`/products/${slug}/read`);
	await expectReading(guest, product);

	// A new address and new text: the old address keeps working...
	const renamed = { ...product, slug: `${slug}-second-edition`, fullText: 'Then wait.' };
	await page.getByLabel('Address').fill(renamed.slug);
	await fillProduct(page, { body: '## Steeping\n\nThree minutes. Then wait.' });
	await page.getByRole('button', { name: 'Save' }).click();
	await expect(page.getByText('Saved.')).toBeVisible();
	await guest.goto(`/products/${slug}`);
	await expect(guest).toHaveURL(`/products/${renamed.slug}`);
	// ...and the buyer's library and offline copy follow it.
	await guest.goto('/library');
	await expect(guest.getByRole('link', { name: new RegExp(title) })).toHaveAttribute(
		'href',
		`/products/${renamed.slug}/read`
	);
	expect(await cachedContentPaths(guest)).toEqual(['/library', `/products/${renamed.slug}/read`]);
	await guest.context().setOffline(true);
	try {
		await guest.goto(`/products/${renamed.slug}/read`);
		// The copy read before the rename, under the new address.
		await expectReading(guest, { ...product, slug: renamed.slug });
	} finally {
		await guest.context().setOffline(false);
	}
	await guest.goto(`/products/${renamed.slug}/read`);
	await expectReading(guest, renamed);

	// Archived: out of the shop, still on the buyer's shelf; it sold, so it cannot be deleted.
	await page.reload();
	await expect(page.getByRole('button', { name: 'Delete' })).toHaveCount(0);
	await page.getByRole('button', { name: 'Archive' }).click();
	await expect(page.getByText('Archived: no longer for sale')).toBeVisible();
	const visitor = await freshPage(browser);
	await visitor.goto('/');
	await expect(visitor.getByRole('link', { name: title })).toHaveCount(0);
	await guest.goto(`/products/${renamed.slug}/read`);
	await expectReading(guest, renamed);
});

test('a product that never sold can be deleted', async ({ page }) => {
	await signInAsSeller(page);
	await page.goto('/admin/products/new');
	const title = `Draft to delete ${Date.now().toString(36)}`;
	await fillProduct(page, { title, price: '0', body: 'Nothing yet.' });
	await page.getByRole('button', { name: 'Create draft' }).click();
	await expect(page.getByText('Created as a draft.')).toBeVisible();
	await page.getByRole('button', { name: 'Delete' }).click();
	await expect(page).toHaveURL('/admin/products');
	await expect(page.getByRole('link', { name: title })).toHaveCount(0);
});
