import type { Aliased, Returns } from '$shared/rows.ts';
import { asAdmin } from '../admin';
import { bucket, FILES } from '../storage';
import { checkDeclared, cleanFileName, sniffFile, SNIFF_BYTES } from './product-file';

/**
 * Files for a product's owners. The browser uploads straight to Storage with a signed upload URL
 * (large files stream, with a progress bar), then the server checks what arrived (its first bytes
 * and its size) before the product lists it; anything else is removed again.
 */

/** A product's file (its `size_bytes`, a bigint, is read as an int) and how often it was downloaded. */
export type StudioFile = Aliased<'product_files', 'id' | 'name' | 'mime_type' | 'size_bytes'> & {
	downloads: number;
};

export function productFiles(user: SessionUser, productId: string) {
	return asAdmin(
		user,
		(sql) => sql<StudioFile[]>`
			select f.id, f.name, f.mime_type as "mimeType", f.size_bytes::int as "sizeBytes",
				(select count(*)::int from public.downloads d where d.product_file_id = f.id) as downloads
			from public.product_files f where f.product_id = ${productId} order by f.created_at`
	);
}

/** A signed URL to upload one declared file to, under the product's folder. */
export async function uploadTarget(productId: string, rawName: string, size: number) {
	const name = cleanFileName(rawName);
	const refused = checkDeclared(name, size);
	if (refused) return { ok: false as const, message: refused };
	const path = `${productId}/${crypto.randomUUID()}/${name}`;
	const { data, error } = await bucket(FILES).createSignedUploadUrl(path);
	if (error) throw error;
	return { ok: true as const, path, name, signedUrl: data.signedUrl, token: data.token };
}

/** Checks an uploaded object and lists it with the product, or removes it and says why. */
export async function confirmUpload(user: SessionUser, productId: string, path: string) {
	const name = path.split('/').pop() ?? '';
	if (!path.startsWith(`${productId}/`) || path.split('/').length !== 3) {
		return { ok: false as const, message: 'That upload does not belong to this product.' };
	}
	const files = bucket(FILES);
	const { data: info, error } = await files.info(path);
	if (error || !info)
		return { ok: false as const, message: 'The upload did not arrive. Try again.' };
	const size = Number(info.size ?? 0);
	const refused = checkDeclared(name, size);
	const head = refused ? undefined : await firstBytes(path);
	const sniffed = head ? await sniffFile(head, name) : undefined;
	if (!sniffed?.ok) {
		await files.remove([path]);
		const why =
			refused ?? (sniffed && !sniffed.ok ? sniffed.message : 'The file could not be read.');
		return { ok: false as const, message: why };
	}
	await asAdmin(
		user,
		(sql) =>
			sql`select public.admin_add_file(${productId}, ${path}, ${name}, ${sniffed.mime}, ${size})`
	);
	return { ok: true as const, name };
}

async function firstBytes(path: string): Promise<Uint8Array | undefined> {
	const { data } = await bucket(FILES).createSignedUrl(path, 30);
	if (!data) return undefined;
	const response = await fetch(data.signedUrl, {
		headers: { range: `bytes=0-${SNIFF_BYTES - 1}` }
	});
	return response.ok ? new Uint8Array(await response.arrayBuffer()) : undefined;
}

export async function removeFile(user: SessionUser, fileId: string) {
	const [{ path }] = await asAdmin(
		user,
		// Null when there was no such file.
		(sql) => sql<{ path: Returns<'admin_remove_file'> | null }[]>`
			select public.admin_remove_file(${fileId}) as path`
	);
	if (path) await bucket(FILES).remove([path]);
}
