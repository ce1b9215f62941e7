import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

/** axe-core on the page as it is now, in both themes (every rule axe runs by default). */

const schemes = ['light', 'dark'] as const;

/** Runs axe on the page as it is now, in both colour schemes; names each violation and where. */
export async function expectAccessible(page: Page, name: string) {
	for (const colorScheme of schemes) {
		await page.emulateMedia({ colorScheme });
		const { violations } = await new AxeBuilder({ page }).analyze();
		const found = violations.map(
			(v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`
		);
		expect(found, `${name}, ${colorScheme} theme`).toEqual([]);
	}
}
