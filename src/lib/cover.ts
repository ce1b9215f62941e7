/**
 * A product's cover as pages show it: a static image (the seed's SVGs, the placeholder) or one
 * uploaded in the studio, resized to several widths in Storage's public `covers` bucket and
 * offered as a responsive `srcset`.
 */
export interface CoverImage {
	/** Object path prefix in the `covers` bucket: `<prefix>-<width>.webp`. */
	prefix: string;
	widths: number[];
	width: number;
	height: number;
}

export interface Cover {
	src: string;
	srcset?: string;
	width: number;
	height: number;
}

/** The widths the storefront shows covers at (cards ~12rem, the product page 18rem, at 1x–3x). */
export const COVER_WIDTHS = [200, 400, 600, 900] as const;

export const coverObject = (prefix: string, width: number) => `${prefix}-${width}.webp`;

export function coverOf(staticPath: string, image: CoverImage | null, supabaseUrl: string): Cover {
	if (!image) return { src: staticPath, width: 300, height: 400 };
	const url = (w: number) =>
		`${supabaseUrl}/storage/v1/object/public/covers/${coverObject(image.prefix, w)}`;
	const widths = [...image.widths].sort((a, b) => a - b);
	const middle = widths[Math.min(1, widths.length - 1)];
	return {
		src: url(middle),
		srcset: widths.map((w) => `${url(w)} ${w}w`).join(', '),
		width: image.width,
		height: image.height
	};
}
