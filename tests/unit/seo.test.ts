import { describe, expect, it } from 'vitest';
import { decimalPrice, jsonLdScript, productJsonLd, shareImage } from '$lib/seo';

const origin = 'https://shop.example';
const icon = '/icons/icon-512.png';

describe('shareImage', () => {
	it('takes the widest uploaded version of a cover', () => {
		const cover = {
			src: 'https://x.supabase.co/storage/v1/object/public/covers/a-400.webp',
			srcset:
				'https://x.supabase.co/storage/v1/object/public/covers/a-200.webp 200w, https://x.supabase.co/storage/v1/object/public/covers/a-900.webp 900w',
			width: 900,
			height: 1200
		};
		expect(shareImage(cover, origin, icon)).toBe(
			'https://x.supabase.co/storage/v1/object/public/covers/a-900.webp'
		);
	});

	it('makes a static raster cover absolute, and replaces an SVG one, which previews do not show', () => {
		expect(shareImage({ src: '/covers/a.png', width: 3, height: 4 }, origin, icon)).toBe(
			'https://shop.example/covers/a.png'
		);
		expect(shareImage({ src: '/covers/a.svg', width: 3, height: 4 }, origin, icon)).toBe(
			'https://shop.example/icons/icon-512.png'
		);
	});
});

describe('structured data', () => {
	it('prices offers as decimals in the currency’s own unit', () => {
		expect(decimalPrice(1299, 'eur')).toBe('12.99');
		expect(decimalPrice(1500, 'jpy')).toBe('1500');
		expect(decimalPrice(0, 'usd')).toBe('0.00');
	});

	it('describes a product with its offer', () => {
		const product = {
			id: '1',
			slug: 'guide',
			title: 'A Guide',
			summary: 'Short.',
			priceCents: 900,
			currency: 'usd',
			cover: { src: '/covers/a.svg', width: 3, height: 4 },
			sample: ''
		};
		expect(productJsonLd(product, `${origin}/products/guide`, 'img', 'Shop')).toMatchObject({
			'@type': 'Product',
			name: 'A Guide',
			offers: { '@type': 'Offer', price: '9.00', priceCurrency: 'USD' }
		});
	});

	it('can never close its script element', () => {
		const block = jsonLdScript({ name: '</script><script>alert(1)</script>' });
		const json = /^<script type="application\/ld\+json">(.*)<\/script>$/.exec(block)![1];
		expect(json).not.toContain('<');
		expect(JSON.parse(json)).toEqual({ name: '</script><script>alert(1)</script>' });
	});
});
