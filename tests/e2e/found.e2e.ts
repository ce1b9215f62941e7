import { expect, test } from '@playwright/test';
import { e2eBaseUrl } from '../support/app.ts';
import { db, products } from './support.ts';

/** Found and shared: link previews, structured data, the sitemap and robots.txt. */

test('a product page carries its description, Open Graph and Twitter tags, and Product data', async ({
	page
}) => {
	const problems: string[] = [];
	page.on('console', (m) => {
		if (m.type() === 'error') problems.push(m.text());
	});
	await page.goto(`/products/${products.sourdough.slug}`);
	const meta = (selector: string) => page.locator(`head ${selector}`).getAttribute('content');
	const summary = 'From a jar of flour and water to a loaf with an open crumb';
	expect(await page.locator('head meta[name="description"]').count()).toBe(1);
	expect(await meta('meta[name="description"]')).toContain(summary);
	expect(await meta('meta[property="og:title"]')).toBe(products.sourdough.title);
	expect(await meta('meta[property="og:url"]')).toBe(
		`${e2eBaseUrl}/products/${products.sourdough.slug}`
	);
	// The seed's covers are SVG, which previews do not show: the app's icon stands in.
	expect(await meta('meta[property="og:image"]')).toBe(`${e2eBaseUrl}/icons/icon-512.png`);
	expect(await meta('meta[name="twitter:card"]')).toBe('summary_large_image');
	expect(await meta('meta[name="twitter:image"]')).toBe(`${e2eBaseUrl}/icons/icon-512.png`);

	const blocks = await page.locator('script[type="application/ld+json"]').allTextContents();
	expect(blocks).toHaveLength(1);
	expect(JSON.parse(blocks[0])).toMatchObject({
		'@context': 'https://schema.org',
		'@type': 'Product',
		name: products.sourdough.title,
		offers: { '@type': 'Offer', price: '12.00', priceCurrency: 'EUR' }
	});
	// Under the store's strict CSP, with nothing refused.
	expect(problems.filter((p) => /Content Security Policy/i.test(p))).toEqual([]);
});

test('sitemap.xml lists the published catalogue; robots.txt keeps crawlers out of the studio and sign-in', async ({
	request
}) => {
	const [{ slug: draft }] = await db()<{ slug: string }[]>`
		insert into public.products (slug, title, price_cents, currency, cover, published)
		values (${`draft-${Date.now()}`}, 'A draft', 100, 'eur', '/covers/placeholder.svg', false)
		returning slug`;
	try {
		const sitemap = await request.get('/sitemap.xml');
		expect(sitemap.headers()['content-type']).toContain('application/xml');
		const xml = await sitemap.text();
		for (const product of Object.values(products)) {
			expect(xml).toContain(`<loc>${e2eBaseUrl}/products/${product.slug}</loc>`);
		}
		expect(xml).not.toContain(draft);

		const robots = await (await request.get('/robots.txt')).text();
		for (const path of ['/admin', '/auth/', '/login'])
			expect(robots).toContain(`Disallow: ${path}`);
		expect(robots).not.toContain('Disallow: /library');
		expect(robots).toContain(`Sitemap: ${e2eBaseUrl}/sitemap.xml`);
	} finally {
		await db()`delete from public.products where slug = ${draft}`;
	}
});
