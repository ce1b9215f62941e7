import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dropBucket, env, serviceStorage, storageFetch, uniqueName } from './helpers.ts';

/** Signed download and upload URLs: what they allow, for how long, and what a bad token gets. */
const bucket = uniqueName('signed');
const files = () => serviceStorage().from(bucket);
const secret = new TextEncoder().encode(env.jwtSecret);
const token = (claims: Record<string, unknown>, key = secret, exp: number | string = '1h') =>
	new SignJWT(claims)
		.setProtectedHeader({ alg: 'HS256' })
		.setIssuedAt()
		.setExpirationTime(exp)
		.sign(key);
const path = (url: string) => url.slice(url.indexOf('/object/'));

beforeAll(async () => {
	const { error } = await serviceStorage().createBucket(bucket, {
		public: false,
		allowedMimeTypes: ['application/pdf', 'text/plain']
	});
	if (error) throw error;
	await files().upload('book.pdf', Buffer.from('%PDF book'), { contentType: 'application/pdf' });
	await files().upload('other.pdf', Buffer.from('%PDF other'), { contentType: 'application/pdf' });
});
afterAll(() => dropBucket(bucket));

describe('signed download URLs', () => {
	it('open the object for anyone holding them, with Expires instead of Cache-Control', async () => {
		const { data, error } = await files().createSignedUrl('book.pdf', 60);
		expect(error).toBeNull();
		expect(data!.signedUrl).toMatch(
			new RegExp(`/storage/v1/object/sign/${bucket}/book\\.pdf\\?token=ey`)
		);
		const response = await fetch(data!.signedUrl);
		expect(response.status).toBe(200);
		expect(await response.text()).toBe('%PDF book');
		expect(response.headers.get('cache-control')).toBeNull();
		const expires = Date.parse(response.headers.get('expires')!);
		expect(expires).toBeGreaterThan(Date.now() + 30_000);
		expect(expires).toBeLessThanOrEqual(Date.now() + 61_000);
	});

	it('name the saved file with the download option', async () => {
		const { data } = await files().createSignedUrl('book.pdf', 60, { download: 'My Book.pdf' });
		const response = await fetch(data!.signedUrl);
		expect(response.headers.get('content-disposition')).toBe(
			"attachment; filename=My%20Book.pdf; filename*=UTF-8''My%20Book.pdf"
		);
	});

	it('are signed in bulk, with an error for a path that does not exist', async () => {
		const { data } = await files().createSignedUrls(['book.pdf', 'missing.pdf'], 60);
		expect(data![0]).toMatchObject({ path: 'book.pdf', error: null });
		expect(await (await fetch(data![0].signedUrl!)).text()).toBe('%PDF book');
		expect(data![1]).toEqual({
			path: 'missing.pdf',
			error: 'Either the object does not exist or you do not have access to it',
			signedURL: null,
			signedUrl: null
		});
	});

	it('are refused for a missing object and for a bad expiresIn', async () => {
		expect((await files().createSignedUrl('missing.pdf', 60)).error).toMatchObject({
			statusCode: '404',
			code: 'NoSuchKey'
		});
		expect((await files().createSignedUrl('book.pdf', 0)).error).toMatchObject({
			statusCode: '400',
			code: 'InvalidRequest',
			message: 'body/expiresIn must be >= 1'
		});
	});

	it('stop working once expired, or when forged, or for another object', async () => {
		const expired = await token(
			{ url: `${bucket}/book.pdf`, scope: 'download' },
			secret,
			Math.floor(Date.now() / 1000) - 10
		);
		expect(
			(await storageFetch(`/object/sign/${bucket}/book.pdf?token=${expired}`)).json
		).toMatchObject({
			statusCode: '400',
			code: 'InvalidJWT',
			message: '"exp" claim timestamp check failed'
		});
		const forged = await token(
			{ url: `${bucket}/book.pdf`, scope: 'download' },
			new TextEncoder().encode('another-secret-entirely-another-secret')
		);
		expect(
			(await storageFetch(`/object/sign/${bucket}/book.pdf?token=${forged}`)).json
		).toMatchObject({ code: 'InvalidJWT', message: 'signature verification failed' });
		const { data } = await files().createSignedUrl('book.pdf', 60);
		const stolen = path(data!.signedUrl).replace('book.pdf', 'other.pdf');
		expect((await storageFetch(stolen)).json).toMatchObject({
			statusCode: '400',
			code: 'InvalidSignature',
			message: 'Invalid signature'
		});
		expect((await storageFetch(`/object/sign/${bucket}/book.pdf`)).json).toMatchObject({
			code: 'InvalidRequest',
			message: "querystring must have required property 'token'"
		});
	});

	it('cannot be made from an upload token, nor an upload from a download token', async () => {
		const upload = await files().createSignedUploadUrl('new.pdf');
		const asDownload = await storageFetch(
			`/object/sign/${bucket}/new.pdf?token=${upload.data!.token}`
		);
		expect(asDownload.json).toMatchObject({
			code: 'InvalidSignature',
			message: 'Token is not scoped for download'
		});
		const download = await token({ url: `${bucket}/book.pdf`, scope: 'download' });
		const asUpload = await files().uploadToSignedUrl('book.pdf', download, Buffer.from('%PDF x'), {
			contentType: 'application/pdf'
		});
		expect(asUpload.error).toMatchObject({
			code: 'InvalidSignature',
			message: 'Token is not scoped for upload'
		});
	});
});

describe('signed upload URLs', () => {
	it('let anyone holding them upload that one object, once', async () => {
		const { data, error } = await files().createSignedUploadUrl('incoming/report.pdf');
		expect(error).toBeNull();
		expect(data).toMatchObject({ path: 'incoming/report.pdf' });
		expect(data!.signedUrl).toContain(
			`/storage/v1/object/upload/sign/${bucket}/incoming/report.pdf?token=`
		);
		const upload = await files().uploadToSignedUrl(
			'incoming/report.pdf',
			data!.token,
			Buffer.from('%PDF report'),
			{ contentType: 'application/pdf' }
		);
		expect(upload.error).toBeNull();
		expect(upload.data).toMatchObject({
			path: 'incoming/report.pdf',
			fullPath: `${bucket}/incoming/report.pdf`
		});
		expect(await (await files().download('incoming/report.pdf')).data!.text()).toBe('%PDF report');
		const again = await files().uploadToSignedUrl(
			'incoming/report.pdf',
			data!.token,
			Buffer.from('%PDF again'),
			{ contentType: 'application/pdf' }
		);
		expect(again.error).toMatchObject({ statusCode: '409', code: 'KeyAlreadyExists' });
	});

	it('replace an object when signed with upsert, and still apply the bucket limits', async () => {
		const { data } = await files().createSignedUploadUrl('book.pdf', { upsert: true });
		const wrongType = await files().uploadToSignedUrl('book.pdf', data!.token, Buffer.from('<p>'), {
			contentType: 'text/html'
		});
		expect(wrongType.error).toMatchObject({ code: 'InvalidMimeType' });
		const replaced = await files().uploadToSignedUrl(
			'book.pdf',
			data!.token,
			Buffer.from('%PDF new'),
			{ contentType: 'application/pdf' }
		);
		expect(replaced.error).toBeNull();
		expect(await (await files().download('book.pdf')).data!.text()).toBe('%PDF new');
	});

	it('are refused for an existing object without upsert, and for another path', async () => {
		expect((await files().createSignedUploadUrl('other.pdf')).error).toMatchObject({
			statusCode: '409',
			code: 'KeyAlreadyExists'
		});
		const { data } = await files().createSignedUploadUrl('one.pdf');
		const elsewhere = await files().uploadToSignedUrl('two.pdf', data!.token, Buffer.from('%PDF'), {
			contentType: 'application/pdf'
		});
		expect(elsewhere.error).toMatchObject({ statusCode: '400', code: 'InvalidSignature' });
	});
});
