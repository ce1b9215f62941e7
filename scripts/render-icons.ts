/**
 * Renders the app icons (static/icons/*.png) from their SVGs with the machine's Chromium, so the
 * PNGs the manifest needs are made here without an image library to download. Run it after
 * changing an SVG, and commit the PNGs: `node scripts/render-icons.ts`.
 */
import { readFileSync } from 'node:fs';
import { launchChromium } from '@storefront/local-stack';

const icons = [
	{ svg: 'icon.svg', png: 'icon-192.png', size: 192 },
	{ svg: 'icon.svg', png: 'icon-512.png', size: 512 },
	{ svg: 'icon-maskable.svg', png: 'icon-maskable-512.png', size: 512 },
	// iOS draws its own rounded corners and wants no transparency: the full-bleed design.
	{ svg: 'icon-maskable.svg', png: 'apple-touch-icon.png', size: 180 }
];

const browser = await launchChromium();
try {
	for (const { svg, png, size } of icons) {
		const page = await browser.newPage({ viewport: { width: size, height: size } });
		const source = readFileSync(`static/icons/${svg}`, 'utf8');
		const dataUrl = `data:image/svg+xml;base64,${Buffer.from(source).toString('base64')}`;
		await page.setContent(
			`<style>html,body{margin:0;background:transparent}</style><img src="${dataUrl}" width="${size}" height="${size}">`
		);
		await page.locator('img').evaluate((img: HTMLImageElement) => img.decode());
		await page.screenshot({ path: `static/icons/${png}`, omitBackground: true });
		await page.close();
		console.log(`static/icons/${png} (${size}×${size})`);
	}
} finally {
	await browser.close();
}
