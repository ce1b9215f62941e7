import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { processCover } from '$lib/server/studio/cover-image';

const image = (width: number, height: number, format: 'png' | 'jpeg' | 'webp' | 'avif') =>
	sharp({ create: { width, height, channels: 3, background: '#2f5d8a' } })
		.toFormat(format)
		.toBuffer();

describe('covers', () => {
	it('makes WebP variants at the storefront widths, never larger than the original', async () => {
		const result = await processCover(await image(600, 800, 'jpeg'));
		expect(result).toMatchObject({ ok: true, width: 600, height: 800 });
		if (!result.ok) return;
		expect(result.variants.map((v) => v.width)).toEqual([200, 400, 600]);
		for (const variant of result.variants) {
			const meta = await sharp(variant.bytes).metadata();
			expect(meta.format).toBe('webp');
			expect(meta.width).toBe(variant.width);
		}
	});

	it('takes PNG, WebP and AVIF too', async () => {
		for (const format of ['png', 'webp', 'avif'] as const) {
			expect((await processCover(await image(300, 400, format))).ok).toBe(true);
		}
	});

	it('judges by content: a PDF is not a cover, whatever it is called', async () => {
		const pdf = Buffer.from('%PDF-1.7\n1 0 obj\n<<>>\nendobj\n');
		expect(await processCover(pdf)).toEqual({
			ok: false,
			message: 'A cover must be a JPEG, PNG, WebP or AVIF image.'
		});
	});

	it('refuses SVG and HTML, whatever they claim to be', async () => {
		const svg = Buffer.from(
			'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
		);
		const html = Buffer.from('<!doctype html><script>alert(1)</script>');
		for (const bytes of [svg, html]) expect((await processCover(bytes)).ok).toBe(false);
	});

	it('refuses an empty, a tiny, a truncated or an oversized file', async () => {
		expect((await processCover(Buffer.alloc(0))).ok).toBe(false);
		expect((await processCover(await image(100, 100, 'png'))).ok).toBe(false);
		const whole = await image(600, 800, 'png');
		expect((await processCover(whole.subarray(0, 200))).ok).toBe(false);
		const huge = Buffer.concat([await image(300, 400, 'png'), Buffer.alloc(11 * 1024 * 1024)]);
		expect(await processCover(huge)).toEqual({
			ok: false,
			message: 'The image is larger than 10 MB.'
		});
	});
});
