import { expect, test } from '@playwright/test';
import { seedBuyer } from './login-support.ts';
import { expectServiceWorker } from './offline-support.ts';
import {
	devicePositions,
	deviceOf,
	expectScrolledTo,
	expectStored,
	longItem,
	scrollText,
	storedPosition
} from './reading-support.ts';
import { closeDb, expectReading } from './support.ts';

/** Scenario 22: the reading position follows the buyer across devices, also after reading offline. */

test.afterAll(closeDb);

test('22: read half on device A, resume on B; read further offline on B; back online, A resumes there', async ({
	browser
}) => {
	test.setTimeout(120_000);
	const item = await longItem();
	const buyer = await seedBuyer(item);
	const read = `/products/${item.slug}/read`;
	const deviceA = await deviceOf(browser, buyer.email);
	const deviceB = await deviceOf(browser, buyer.email);
	try {
		// A reads half the item.
		const a = await deviceA.newPage();
		await a.goto(read);
		await expectReading(a, item);
		await scrollText(a, 0.5);
		await expectStored(buyer.id, item.id, 0.5);
		const halfway = await a.evaluate(() => Math.round(scrollY));
		// With the section it is in, by the heading's id.
		expect((await storedPosition(buyer.id, item.id)).anchor).toMatch(/^section-part-[56]$/);

		// B opens it: it resumes where A stopped (same screen size, so the same scroll position).
		const b = await deviceB.newPage();
		await b.goto(read);
		await expectScrolledTo(b, halfway);
		// B keeps a copy to read offline (the worker stores the page as it is loaded through it).
		await expectServiceWorker(b);
		await b.reload();
		await expectScrolledTo(b, halfway);

		// Offline, B reads further: the position waits on the device, the server still has A's.
		await deviceB.setOffline(true);
		await b.reload();
		await expectReading(b, item);
		await expectScrolledTo(b, halfway);
		await scrollText(b, 0.8);
		const further = await b.evaluate(() => Math.round(scrollY));
		await expect
			.poll(() => devicePositions(b), { message: 'the offline position is kept on B' })
			.toEqual([{ fraction: expect.closeTo(0.8, 1), sent: false }]);
		expect((await storedPosition(buyer.id, item.id)).fraction).toBeCloseTo(0.5, 1);

		// Back online, B sends it; A, opening the item again, resumes at B's place.
		await deviceB.setOffline(false);
		await expectStored(buyer.id, item.id, 0.8);
		expect(await devicePositions(b)).toEqual([{ fraction: expect.closeTo(0.8, 1), sent: true }]);
		await a.goto(read);
		await expectScrolledTo(a, further);

		// The library says where the buyer is, and logging out leaves no position on B.
		await a.goto('/library');
		const card = a.getByRole('region', { name: 'Continue reading' });
		await expect(card.getByRole('link')).toContainText(item.title);
		await expect(card).toContainText('80% read');
		await b.getByRole('banner').getByRole('button', { name: 'Log out' }).click();
		await expect(b.getByRole('banner').getByRole('link', { name: 'Log in' })).toBeVisible();
		expect(await devicePositions(b)).toEqual([]);
	} finally {
		await deviceA.close();
		await deviceB.close();
	}
});
