import postgres from 'postgres';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp } from '../../support/app-process.ts';
import { adminSql } from '../../support/db.ts';
import { createAccount, signedInCookies } from '../../support/sessions.ts';

/**
 * What a seller uploads is checked by its content, whatever its name or declared type, and a
 * refused upload leaves nothing behind: no cover, no file row, no object in Storage.
 */
let app: Awaited<ReturnType<typeof startApp>>;
let sql: postgres.Sql;
let cookie: string;
let productId: string;

beforeAll(async () => {
	sql = adminSql();
	app = await startApp(4183);
	const seller = await createAccount('uploader', { role: 'admin' });
	cookie = await signedInCookies(app.origin, seller.email);
	const [product] =
		await sql`insert into public.products (slug, title, price_cents, currency, cover)
		values (${`upload-test-${Date.now()}`}, 'Upload test', 500, 'eur', '/covers/placeholder.svg') returning id`;
	productId = product.id;
});
afterAll(async () => {
	await sql`delete from public.products where id = ${productId}`;
	await app?.stop();
	await sql.end();
});

const post = (what: 'cover' | 'files', body: unknown) =>
	fetch(`${app.origin}/admin/products/${productId}/${what}`, {
		method: 'POST',
		headers: { cookie, origin: app.origin, 'content-type': 'application/json' },
		body: JSON.stringify(body)
	});

/** The whole upload as the studio's page does it: target, PUT to Storage, confirm. */
async function upload(what: 'cover' | 'files', name: string, bytes: Buffer, type: string) {
	const target = await (await post(what, { step: 'target', name, size: bytes.length })).json();
	if (!target.ok) return target;
	const put = await fetch(target.signedUrl, {
		method: 'PUT',
		headers: { 'content-type': type },
		body: new Uint8Array(bytes)
	});
	if (!put.ok) return { ok: false, message: `storage ${put.status}`, path: target.path };
	return {
		...(await (await post(what, { step: 'confirm', path: target.path })).json()),
		path: target.path
	};
}

const objects = async (bucket: string) =>
	(
		await sql`select name from storage.objects where bucket_id = ${bucket} and name like ${`${productId}/%`}`
	).length;
const coverOf = async () =>
	(await sql`select cover_image from public.products where id = ${productId}`)[0].cover_image;

describe('covers', () => {
	it('an SVG or HTML page with script, named and typed as an image, is refused and nothing is kept', async () => {
		const svg = Buffer.from(
			'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
		);
		const html = Buffer.from('<!doctype html><script>alert(document.cookie)</script>');
		for (const bytes of [svg, html]) {
			const answer = await upload('cover', 'cover.png', bytes, 'image/png');
			expect(answer).toMatchObject({
				ok: false,
				message: 'A cover must be a JPEG, PNG, WebP or AVIF image.'
			});
		}
		expect(await coverOf()).toBeNull();
		expect(await objects('uploads')).toBe(0);
		expect(await objects('covers')).toBe(0);
	});

	it('an oversized image is refused before any byte is sent', async () => {
		const answer = await (
			await post('cover', { step: 'target', name: 'big.jpg', size: 11 * 1024 * 1024 })
		).json();
		expect(answer).toEqual({ ok: false, message: 'The image is larger than 10 MB.' });
	});

	it('a real image becomes the cover, in four widths, and the staged original is gone', async () => {
		const jpeg = await sharp({
			create: { width: 1200, height: 1600, channels: 3, background: '#123456' }
		})
			.jpeg()
			.toBuffer();
		expect(await upload('cover', 'photo.jpg', jpeg, 'image/jpeg')).toMatchObject({
			ok: true,
			message: 'Cover saved.'
		});
		expect(await coverOf()).toMatchObject({
			widths: [200, 400, 600, 900],
			width: 1200,
			height: 1600
		});
		expect(await objects('covers')).toBe(4);
		expect(await objects('uploads')).toBe(0);
	});

	it('another product’s staged upload cannot be taken', async () => {
		const answer = await (
			await post('cover', { step: 'confirm', path: `00000000-0000-4000-8000-000000000000/x` })
		).json();
		expect(answer).toEqual({ ok: false, message: 'That upload does not belong to this product.' });
	});
});

describe('files for owners', () => {
	it('content that is not what its name says is refused and removed from Storage', async () => {
		const zip = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(60)]);
		const answer = await upload('files', 'guide.pdf', zip, 'application/pdf');
		expect(answer).toMatchObject({ ok: false, message: /not what its name says|not a PDF/ });
		expect(await objects('files')).toBe(0);
		expect(
			await sql`select 1 from public.product_files where product_id = ${productId}`
		).toHaveLength(0);
	});

	it('a kind the store does not sell, and an oversized file, are refused before any byte is sent', async () => {
		for (const [name, size, message] of [
			['tool.exe', 1000, /PDF, EPUB, ZIP or audio/],
			['huge.pdf', 201 * 1024 * 1024, /larger than 200 MB/]
		] as const) {
			const answer = await (await post('files', { step: 'target', name, size })).json();
			expect(answer).toMatchObject({ ok: false, message });
		}
	});

	it('malformed requests get 400, not a 500', async () => {
		for (const body of [
			{},
			{ step: 'confirm' },
			{ step: 'target', name: 'x.pdf', size: 'big' },
			[]
		]) {
			expect((await post('files', body)).status).toBe(400);
		}
	});
});
