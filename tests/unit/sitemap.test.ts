import { describe, expect, it } from 'vitest';
import { robotsTxt, sitemapXml } from '$lib/server/sitemap';

describe('sitemap.xml and robots.txt', () => {
	it('lists the storefront and each product at the store’s origin, with its last change', () => {
		const xml = sitemapXml('https://shop.example', [
			{ slug: 'a-guide', updatedAt: new Date('2026-11-30T12:00:00Z') }
		]);
		expect(xml).toContain('<loc>https://shop.example/</loc>');
		expect(xml).toContain(
			'<url><loc>https://shop.example/products/a-guide</loc><lastmod>2026-11-30</lastmod></url>'
		);
		expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>')).toBe(true);
	});

	it('keeps crawlers out of the studio and sign-in, not off a buyer’s pages, and names the sitemap', () => {
		const robots = robotsTxt('https://shop.example');
		for (const path of ['/admin', '/auth/', '/login', '/logout']) {
			expect(robots).toContain(`Disallow: ${path}\n`);
		}
		// Their session keeps them private; a Disallow would only mark them blocked from indexing.
		for (const path of ['/library', '/orders', '/products/']) {
			expect(robots).not.toContain(`Disallow: ${path}`);
		}
		expect(robots).toContain('Sitemap: https://shop.example/sitemap.xml');
	});
});
