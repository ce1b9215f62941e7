import { expect, test } from '@playwright/test';
import sharp from 'sharp';
import { uniqueEmail, waitForEmails } from '@storefront/local-stack';
import {
	buy,
	closeDb,
	credentialsIn,
	expectDelivered,
	eventFor,
	expectReading,
	freshPage,
	stripeClient
} from './support.ts';
import { fillProduct, pdfBytes, signInAsSeller } from './studio-support.ts';

/** Scenario 18: a seller sells a PDF with a cover; buyers download it; a refund takes it away. */

test.afterAll(closeDb);

test('18: a seller publishes a product with a cover and a PDF; a guest buys and downloads it; a refund takes the download away', async ({
	page,
	browser
}) => {
	await signInAsSeller(page);
	await page.goto('/admin/products/new');
	const title = `Knots at Sea ${Date.now().toString(36)}`;
	await fillProduct(page, {
		title,
		price: '6',
		currency: 'eur',
		sample: 'The **bowline** first.',
		body: '## The bowline\n\nMake a small loop, the rabbit comes out of the hole.'
	});
	await page.getByRole('button', { name: 'Create draft' }).click();
	await expect(page.getByText('Created as a draft.')).toBeVisible();

	// A cover: checked, resized to the storefront's widths.
	const cover = await sharp({
		create: { width: 900, height: 1200, channels: 3, background: '#8a2f5d' }
	})
		.jpeg()
		.toBuffer();
	await page
		.getByLabel(/New cover/)
		.setInputFiles({ name: 'cover.jpg', mimeType: 'image/jpeg', buffer: cover });
	await expect(page.getByText('Cover saved.')).toBeVisible();

	// A PDF, straight to Storage with a progress bar, then checked by the server.
	const pdf = pdfBytes(title);
	await page
		.getByLabel(/Add a file/)
		.setInputFiles({ name: 'knots.pdf', mimeType: 'application/pdf', buffer: pdf });
	await expect(page.getByText('knots.pdf added.')).toBeVisible();
	await expect(page.getByRole('listitem').filter({ hasText: 'knots.pdf' })).toContainText(
		'0 downloads'
	);

	// A file whose content is not what its name says is refused, and nothing is listed.
	await page.getByLabel(/Add a file/).setInputFiles({
		name: 'notes.pdf',
		mimeType: 'application/pdf',
		buffer: Buffer.from('PK\x03\x04 not a pdf at all, a zip header')
	});
	await expect(
		page.getByRole('status').filter({ hasText: /not a PDF|not what its name says/ })
	).toBeVisible();
	await expect(page.getByRole('listitem').filter({ hasText: 'notes.pdf' })).toHaveCount(0);

	await page.getByRole('button', { name: 'Publish' }).click();
	await expect(page.getByText('Published: it is in the shop.')).toBeVisible();
	const slug = await page.getByLabel('Address').inputValue();

	// In the shop, with a responsive cover from Storage.
	const guest = await freshPage(browser);
	await guest.goto(`/products/${slug}`);
	const img = guest.locator('article.product img');
	await expect(img).toHaveAttribute(
		'srcset',
		/covers\/.+-200\.webp 200w, .+-400\.webp 400w, .+-600\.webp 600w, .+-900\.webp 900w/
	);
	expect(await img.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth > 0)).toBe(
		true
	);

	// A guest buys it and downloads the very bytes the seller uploaded.
	const product = { slug, title, fullText: 'the rabbit comes out of the hole' };
	const email = uniqueEmail('knots');
	const sessionId = await buy(guest, product, email);
	await expectReading(guest, product);
	const link = guest.getByRole('link', { name: 'knots.pdf' });
	const href = await link.getAttribute('href');
	const download = guest.waitForEvent('download');
	await link.click();
	const file = Buffer.concat(await (await (await download).createReadStream()).toArray());
	expect(file.equals(pdf)).toBe(true);
	await page.reload();
	await expect(page.getByRole('listitem').filter({ hasText: 'knots.pdf' })).toContainText(
		'1 download'
	);
	// The library lists it too, beside the item it came with.
	await guest.goto('/library');
	const fromLibrary = guest
		.getByRole('list', { name: `Downloads of ${title}` })
		.getByRole('link', { name: 'knots.pdf' });
	await expect(fromLibrary).toHaveAttribute('href', href!);

	// A refund: the file is no longer theirs to download.
	await expectDelivered(await eventFor(sessionId));
	const session = await stripeClient().checkout.sessions.retrieve(sessionId);
	await stripeClient().refunds.create({ payment_intent: session.payment_intent as string });
	await expect(async () => {
		const response = await guest.request.get(href!, { maxRedirects: 0 });
		expect(response.status()).toBe(404);
	}).toPass({ timeout: 20_000 });
	await guest.goto(`/products/${slug}/read`);
	await expect(guest).toHaveURL(`/products/${slug}`);
});

test('18: a visitor claims a free product that has a file, and downloads it with the emailed code', async ({
	page,
	browser
}) => {
	await signInAsSeller(page);
	await page.goto('/admin/products/new');
	const title = `Free Knot Chart ${Date.now().toString(36)}`;
	await fillProduct(page, { title, price: '0', body: 'The chart is attached.' });
	await page.getByRole('button', { name: 'Create draft' }).click();
	const pdf = pdfBytes(title);
	await page
		.getByLabel(/Add a file/)
		.setInputFiles({ name: 'chart.pdf', mimeType: 'application/pdf', buffer: pdf });
	await expect(page.getByText('chart.pdf added.')).toBeVisible();
	await page.getByRole('button', { name: 'Publish' }).click();
	const slug = await page.getByLabel('Address').inputValue();

	const visitor = await freshPage(browser);
	const email = uniqueEmail('chart');
	await visitor.goto(`/products/${slug}`);
	await visitor.getByLabel('Your email').fill(email);
	await visitor.getByRole('button', { name: 'Get it free' }).click();
	const [mail] = await waitForEmails(email, 1, 20_000);
	await visitor.getByLabel('6-digit code').fill(credentialsIn(mail.html).code);
	await visitor.getByRole('button', { name: 'Log in with code' }).click();
	await expectReading(visitor, { slug, title, fullText: 'The chart is attached.' });
	const download = visitor.waitForEvent('download');
	await visitor.getByRole('link', { name: 'chart.pdf' }).click();
	expect(
		Buffer.concat(await (await (await download).createReadStream()).toArray()).equals(pdf)
	).toBe(true);
});
