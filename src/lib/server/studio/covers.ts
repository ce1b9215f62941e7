import { coverObject, type CoverImage } from '$lib/cover';
import type { Columns, With } from '$shared/rows.ts';
import { asAdmin } from '../admin';
import { bucket, COVERS, UPLOADS } from '../storage';
import { COVER_MAX_BYTES, processCover } from './cover-image';

/**
 * Replaces a product's cover: checked and resized (cover-image.ts), each width uploaded to the
 * public bucket under a new prefix (so browsers and CDNs never see a stale image under an old
 * name), then the product points at it and the previous cover's objects are removed.
 */
export async function replaceCover(
	user: SessionUser,
	productId: string,
	bytes: Buffer
): Promise<{ ok: true } | { ok: false; message: string }> {
	const processed = await processCover(bytes);
	if (!processed.ok) return processed;
	const prefix = `${productId}/${crypto.randomUUID()}`;
	const covers = bucket(COVERS);
	for (const variant of processed.variants) {
		const { error } = await covers.upload(coverObject(prefix, variant.width), variant.bytes, {
			contentType: 'image/webp',
			cacheControl: '31536000'
		});
		if (error) throw error;
	}
	const image: CoverImage = {
		prefix,
		widths: processed.variants.map((v) => v.width),
		width: processed.width,
		height: processed.height
	};
	const previous = await asAdmin(user, async (sql) => {
		const [row] = await sql<
			With<Columns<'products', 'cover_image'>, { cover_image: CoverImage | null }>[]
		>`
			select cover_image from public.products where id = ${productId}`;
		await sql`select public.admin_set_cover(${productId}, ${sql.json(image as never)})`;
		return row?.cover_image;
	});
	if (previous) {
		await covers.remove(previous.widths.map((w) => coverObject(previous.prefix, w)));
	}
	return { ok: true };
}

/** Where the browser puts a cover as uploaded (the studio never buffers a large body itself). */
export async function coverUploadTarget(productId: string, size: number) {
	if (!Number.isSafeInteger(size) || size <= 0)
		return { ok: false as const, message: 'Choose an image file.' };
	if (size > COVER_MAX_BYTES)
		return { ok: false as const, message: 'The image is larger than 10 MB.' };
	const path = `${productId}/${crypto.randomUUID()}`;
	const { data, error } = await bucket(UPLOADS).createSignedUploadUrl(path);
	if (error) throw error;
	return { ok: true as const, path, signedUrl: data.signedUrl };
}

/** Takes a staged upload, makes it the cover if it is one, and removes it either way. */
export async function coverFromUpload(user: SessionUser, productId: string, path: string) {
	if (!path.startsWith(`${productId}/`) || path.split('/').length !== 2) {
		return { ok: false as const, message: 'That upload does not belong to this product.' };
	}
	const uploads = bucket(UPLOADS);
	const { data, error } = await uploads.download(path);
	try {
		if (error || !data)
			return { ok: false as const, message: 'The upload did not arrive. Try again.' };
		const result = await replaceCover(user, productId, Buffer.from(await data.arrayBuffer()));
		return result.ok ? { ok: true as const, message: 'Cover saved.' } : result;
	} finally {
		await uploads.remove([path]);
	}
}
