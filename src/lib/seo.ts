/**
 * What search engines and link previews read of a product page: absolute URLs (from the store's
 * ORIGIN), the picture to show, and schema.org's Product with its Offer. Pure, unit-tested.
 */
import type { Cover } from './cover';
import { minorUnitDigits } from './money';
import type { Product } from './types';

/** The largest raster version of a cover, absolute; previews do not show SVG, so those fall back. */
export function shareImage(cover: Cover, origin: string, fallback: string) {
	const widest = cover.srcset?.split(',').at(-1)?.trim().split(/\s+/)[0];
	const src = widest ?? cover.src;
	return new URL(/\.svg($|\?)/.test(src) ? fallback : src, origin).href;
}

/** 1299 → "12.99", 1500 JPY → "1500": schema.org prices are decimals in the currency's unit. */
export function decimalPrice(minorUnits: number, currency: string) {
	const digits = minorUnitDigits(currency);
	return (minorUnits / 10 ** digits).toFixed(digits);
}

export function productJsonLd(product: Product, url: string, image: string, storeName: string) {
	return {
		'@context': 'https://schema.org',
		'@type': 'Product',
		name: product.title,
		description: product.summary,
		image: [image],
		url,
		brand: { '@type': 'Brand', name: storeName },
		offers: {
			'@type': 'Offer',
			url,
			price: decimalPrice(product.priceCents, product.currency),
			priceCurrency: product.currency.toUpperCase(),
			availability: 'https://schema.org/InStock'
		}
	};
}

/**
 * A `<script type="application/ld+json">` block: no `<` survives in its JSON, so the text can
 * never close the element (a title with `</script>` in it stays data).
 */
export const jsonLdScript = (data: unknown) =>
	`<script type="application/ld+json">${JSON.stringify(data).replace(/</g, '\\u003c')}</script>`;
