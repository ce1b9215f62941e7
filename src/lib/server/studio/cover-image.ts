import { fileTypeFromBuffer } from 'file-type';
import sharp from 'sharp';
import { COVER_WIDTHS } from '$lib/cover';

/**
 * An uploaded cover, checked by what its bytes are (never by its name or declared type) and
 * resized by sharp to the widths the storefront shows, as WebP. SVG (which can carry script) and
 * anything else that is not a raster photo format is refused.
 */
export const COVER_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'image/avif'] as const;
export const COVER_MAX_BYTES = 10 * 1024 * 1024;
/** Larger images are refused: decoding them costs memory for nothing the store shows. */
const MAX_PIXELS = 40_000_000;

export interface CoverVariant {
	width: number;
	bytes: Buffer;
}

export type CoverResult =
	| { ok: true; width: number; height: number; variants: CoverVariant[] }
	| { ok: false; message: string };

export async function processCover(bytes: Buffer): Promise<CoverResult> {
	if (bytes.length === 0) return { ok: false, message: 'Choose an image file.' };
	if (bytes.length > COVER_MAX_BYTES) {
		return { ok: false, message: 'The image is larger than 10 MB.' };
	}
	const type = await fileTypeFromBuffer(bytes);
	if (!type || !(COVER_TYPES as readonly string[]).includes(type.mime)) {
		return { ok: false, message: 'A cover must be a JPEG, PNG, WebP or AVIF image.' };
	}
	const unreadable = {
		ok: false,
		message: 'This image could not be read. Try saving it again as JPEG or PNG.'
	} as const;
	try {
		const image = sharp(bytes, { limitInputPixels: MAX_PIXELS, failOn: 'error' }).rotate();
		const meta = await image.metadata();
		const rotated = (meta.orientation ?? 1) >= 5;
		const width = (rotated ? meta.height : meta.width) ?? 0;
		const height = (rotated ? meta.width : meta.height) ?? 0;
		if (width < 200 || height < 200) {
			return { ok: false, message: 'The image is too small: at least 200 × 200 pixels.' };
		}
		// Never enlarged: widths above the original are left out (the largest is the original's).
		const widths = [...new Set(COVER_WIDTHS.map((w) => Math.min(w, width)))];
		const variants = await Promise.all(
			widths.map(async (w) => ({
				width: w,
				bytes: await image.clone().resize({ width: w }).webp({ quality: 80 }).toBuffer()
			}))
		);
		return { ok: true, width, height, variants };
	} catch {
		// Not decodable (truncated, corrupt, over the pixel limit): the header alone proves nothing.
		return unreadable;
	}
}
