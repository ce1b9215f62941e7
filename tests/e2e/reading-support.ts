import { randomBytes } from 'node:crypto';
import { expect, type Browser, type Page } from '@playwright/test';
import { signedInCookies } from '../support/sessions.ts';
import { e2eBaseUrl } from '../support/app.ts';
import { db, type TestProduct } from './support.ts';

/** Steps of the reading e2e tests: a long item, a device signed in as its buyer, where it is. */

const section = (n: number) =>
	`## Part ${n}\n\n` +
	Array.from(
		{ length: 6 },
		(_, p) =>
			`Paragraph ${p + 1} of part ${n}. ` +
			'A long item has to be scrolled, or no position in it would mean anything. '.repeat(6)
	).join('\n\n');

/** An item long enough to scroll through (ten sections), on sale to nobody but its buyer. */
export async function longItem(): Promise<TestProduct & { id: string }> {
	const slug = `long-read-${randomBytes(4).toString('hex')}`;
	const title = 'A Long Read';
	const [{ id }] = await db()<{ id: string }[]>`
		insert into public.products (slug, title, summary, price_cents, currency, cover, published)
		values (${slug}, ${title}, 'Ten parts.', 500, 'eur', '/covers/placeholder.svg', false)
		returning id`;
	const body = Array.from({ length: 10 }, (_, i) => section(i + 1)).join('\n\n');
	await db()`insert into public.product_content (product_id, body) values (${id}, ${body})`;
	return { id, slug, title, fullText: 'Paragraph 6 of part 10.' };
}

/** A device (browser context) of the buyer, signed in with an emailed link of its own. */
export async function deviceOf(browser: Browser, email: string, origin = e2eBaseUrl) {
	const cookies = (await signedInCookies(origin, email)).split('; ').map((pair) => {
		const [name, ...value] = pair.split('=');
		return { name, value: value.join('='), url: origin };
	});
	const context = await browser.newContext({ viewport: { width: 390, height: 740 } });
	await context.addCookies(cookies);
	return context;
}

/** Scrolls the read page so the top of the screen is `fraction` of the way into the text. */
export async function scrollText(page: Page, fraction: number) {
	await page.evaluate((f) => {
		const text = document.querySelector('.content')!.getBoundingClientRect();
		window.scrollTo({ top: text.top + scrollY + f * text.height, behavior: 'instant' });
	}, fraction);
}

/** The position the server holds for this buyer and item. */
export const storedPosition = async (userId: string, productId: string) =>
	(
		await db()<{ fraction: number; anchor: string | null }[]>`
			select fraction, anchor from public.reading_positions
			where user_id = ${userId} and product_id = ${productId}`
	)[0];

/** Waits until the server holds a position near `fraction` (the device saved it). */
export async function expectStored(userId: string, productId: string, fraction: number) {
	await expect
		.poll(async () => (await storedPosition(userId, productId))?.fraction ?? -1, {
			message: `the position ${fraction} reaches the server`,
			timeout: 15_000
		})
		.toBeCloseTo(fraction, 1);
}

/** Positions this device keeps (IndexedDB), with whether the server has them. */
export function devicePositions(page: Page) {
	return page.evaluate(
		() =>
			new Promise<{ fraction: number; sent: boolean }[]>((resolve, reject) => {
				const open = indexedDB.open('reading');
				open.onerror = () => reject(open.error);
				open.onsuccess = () => {
					const db = open.result;
					if (!db.objectStoreNames.contains('positions')) return resolve([]);
					const all = db.transaction('positions').objectStore('positions').getAll();
					all.onsuccess = () =>
						resolve(
							all.result.map((r: { position: { fraction: number }; sent: boolean }) => ({
								fraction: r.position.fraction,
								sent: r.sent
							}))
						);
				};
			})
	);
}

/** The read page is scrolled to (within a few pixels of) `y`: where the reader was put back. */
export async function expectScrolledTo(page: Page, y: number) {
	await expect
		.poll(() => page.evaluate(() => Math.round(scrollY)), { message: `scrolled to ${y}` })
		.toBeGreaterThan(y - 4);
	expect(await page.evaluate(() => Math.round(scrollY))).toBeLessThan(y + 4);
}
