import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dropBucket, env, serviceStorage, storageFetch, uniqueName } from './helpers.ts';

/** Uploading and downloading objects: bodies, headers, upsert, info, ranges, conditional GETs. */
const bucket = uniqueName('objects');
const files = () => serviceStorage().from(bucket);

beforeAll(async () => {
	const { error } = await serviceStorage().createBucket(bucket);
	if (error) throw error;
});
afterAll(() => dropBucket(bucket));

describe('uploads', () => {
	it('takes a Blob as a form, with its type, cache time and user metadata', async () => {
		const { data, error } = await files().upload(
			'docs/guide.pdf',
			new Blob(['%PDF-1.7'], { type: 'application/pdf' }),
			{
				cacheControl: '120',
				metadata: { edition: 2 }
			}
		);
		expect(error).toBeNull();
		expect(data).toMatchObject({ path: 'docs/guide.pdf', fullPath: `${bucket}/docs/guide.pdf` });
		expect(data!.id).toMatch(/^[0-9a-f-]{36}$/);
		const info = await files().info('docs/guide.pdf');
		expect(info.data).toMatchObject({
			name: 'docs/guide.pdf',
			bucketId: bucket,
			size: 8,
			contentType: 'application/pdf',
			cacheControl: 'max-age=120',
			etag: '"f87357c6cdc4f067e19f42aebabc6fb7"',
			metadata: { edition: 2 }
		});
	});

	it('takes a raw body with its content type, and a Node stream', async () => {
		await files().upload('raw.txt', Buffer.from('plain bytes'), { contentType: 'text/plain' });
		const stream = Readable.from([Buffer.from('streamed '), Buffer.from('bytes')]);
		const streamed = await files().upload('stream.bin', stream, {
			contentType: 'application/octet-stream'
		});
		expect(streamed.error).toBeNull();
		expect(await (await files().download('raw.txt')).data!.text()).toBe('plain bytes');
		expect(await (await files().download('stream.bin')).data!.text()).toBe('streamed bytes');
	});

	it('refuses to replace without upsert, replaces with it (same id), and PUT (update) always replaces', async () => {
		const first = await files().upload('replace.txt', 'one', { contentType: 'text/plain' });
		const again = await files().upload('replace.txt', 'two', { contentType: 'text/plain' });
		expect(again.error).toMatchObject({
			status: 400,
			statusCode: '409',
			code: 'KeyAlreadyExists',
			message: 'The resource already exists'
		});
		const upserted = await files().upload('replace.txt', 'three', {
			contentType: 'text/plain',
			upsert: true
		});
		expect(upserted.data!.id).toBe(first.data!.id);
		expect(await (await files().download('replace.txt')).data!.text()).toBe('three');
		const updated = await files().update('replace.txt', 'four', { contentType: 'text/plain' });
		expect(updated.error).toBeNull();
		expect(await (await files().download('replace.txt')).data!.text()).toBe('four');
		expect(
			(await files().update('created-by-update.txt', 'new', { contentType: 'text/plain' })).error
		).toBeNull();
	});

	it('refuses a missing bucket, a bad key and a request without a JWT', async () => {
		const missing = await serviceStorage().from(uniqueName('nobucket')).upload('a.txt', 'x');
		expect(missing.error).toMatchObject({ statusCode: '404', code: 'NoSuchBucket' });
		const badKey = await storageFetch(`/object/${bucket}/back%5Cslash.txt`, {
			method: 'POST',
			token: env.serviceRoleKey,
			headers: { 'content-type': 'text/plain' },
			body: 'x'
		});
		expect(badKey.json).toMatchObject({
			statusCode: '400',
			code: 'InvalidKey',
			message: 'Invalid key: back\\slash.txt'
		});
		const anonymous = await storageFetch(`/object/${bucket}/a.txt`, {
			method: 'POST',
			headers: { 'content-type': 'text/plain' },
			body: 'x'
		});
		expect(anonymous.json).toMatchObject({ statusCode: '400', code: 'InvalidRequest' });
	});
});

describe('downloads', () => {
	const text = 'The quick brown fox';
	beforeAll(async () => {
		await files().upload('fox.txt', text, { contentType: 'text/plain', cacheControl: '60' });
	});

	it('sends the bytes with ETag, Last-Modified, Cache-Control and Accept-Ranges', async () => {
		const answer = await storageFetch(`/object/authenticated/${bucket}/fox.txt`, {
			token: env.serviceRoleKey
		});
		expect(answer.status).toBe(200);
		expect(answer.text).toBe(text);
		const headers: Record<string, string> = {};
		answer.headers.forEach((value, name) => (headers[name] = value));
		expect(headers).toMatchObject({
			'content-type': 'text/plain',
			'content-length': String(text.length),
			'cache-control': 'max-age=60',
			'accept-ranges': 'bytes',
			etag: '"a2004f37730b9445670a738fa0fc9ee5"',
			'x-robots-tag': 'none'
		});
		expect(Date.parse(answer.headers.get('last-modified')!)).not.toBeNaN();
	});

	it('answers ranges with 206 and Content-Range, and a range past the end with 416', async () => {
		const first = await storageFetch(`/object/${bucket}/fox.txt`, {
			token: env.serviceRoleKey,
			headers: { range: 'bytes=4-8' }
		});
		expect(first.status).toBe(206);
		expect(first.text).toBe('quick');
		expect(first.headers.get('content-range')).toBe(`bytes 4-8/${text.length}`);
		const suffix = await storageFetch(`/object/${bucket}/fox.txt`, {
			token: env.serviceRoleKey,
			headers: { range: 'bytes=-3' }
		});
		expect(suffix.text).toBe('fox');
		const beyond = await storageFetch(`/object/${bucket}/fox.txt`, {
			token: env.serviceRoleKey,
			headers: { range: 'bytes=100-200' }
		});
		expect(beyond.status).toBe(416);
		expect(beyond.json).toMatchObject({
			statusCode: '416',
			code: 'InvalidRange',
			message: 'invalid range provided'
		});
	});

	it('answers 304 to a matching If-None-Match or a later If-Modified-Since', async () => {
		const first = await storageFetch(`/object/${bucket}/fox.txt`, { token: env.serviceRoleKey });
		const etag = first.headers.get('etag')!;
		expect(
			(
				await storageFetch(`/object/${bucket}/fox.txt`, {
					token: env.serviceRoleKey,
					headers: { 'if-none-match': etag }
				})
			).status
		).toBe(304);
		const stale = await storageFetch(`/object/${bucket}/fox.txt`, {
			token: env.serviceRoleKey,
			headers: { 'if-none-match': '"other"' }
		});
		expect(stale.status).toBe(200);
		expect(stale.headers.get('cache-control')).toBe('max-age=60, stale-while-revalidate=30');
		const later = new Date(Date.now() + 86_400_000).toUTCString();
		expect(
			(
				await storageFetch(`/object/${bucket}/fox.txt`, {
					token: env.serviceRoleKey,
					headers: { 'if-modified-since': later }
				})
			).status
		).toBe(304);
	});

	it('names the download file with ?download', async () => {
		const named = await storageFetch(`/object/${bucket}/fox.txt?download=Fox%20Guide.txt`, {
			token: env.serviceRoleKey
		});
		expect(named.headers.get('content-disposition')).toBe(
			"attachment; filename=Fox%20Guide.txt; filename*=UTF-8''Fox%20Guide.txt"
		);
		const bare = await storageFetch(`/object/${bucket}/fox.txt?download`, {
			token: env.serviceRoleKey
		});
		expect(bare.headers.get('content-disposition')).toBe('attachment;');
	});

	it('serves HTML as plain text, so it never runs on the Storage origin', async () => {
		await storageFetch(`/object/${bucket}/page.html`, {
			method: 'POST',
			token: env.serviceRoleKey,
			headers: { 'content-type': 'text/html' },
			body: '<script>1</script>'
		});
		const answer = await storageFetch(`/object/${bucket}/page.html`, { token: env.serviceRoleKey });
		expect(answer.headers.get('content-type')).toBe('text/plain');
	});

	it('answers a missing object with NoSuchKey; exists() tells', async () => {
		const { error } = await files().download('nothing-here.txt');
		expect(error).toMatchObject({ status: 400 });
		const raw = await storageFetch(`/object/authenticated/${bucket}/nothing-here.txt`, {
			token: env.serviceRoleKey
		});
		expect(raw.json).toMatchObject({
			statusCode: '404',
			error: 'not_found',
			code: 'NoSuchKey',
			message: 'Object not found'
		});
		expect((await files().exists('fox.txt')).data).toBe(true);
		expect((await files().exists('nothing-here.txt')).data).toBe(false);
	});

	it('answers HEAD with the headers and no body', async () => {
		const head = await storageFetch(`/object/${bucket}/fox.txt`, {
			method: 'HEAD',
			token: env.serviceRoleKey
		});
		expect(head.status).toBe(200);
		expect(head.text).toBe('');
		expect(head.headers.get('content-length')).toBe(String(text.length));
		expect(head.headers.get('etag')).toBe('"a2004f37730b9445670a738fa0fc9ee5"');
		const missing = await storageFetch(`/object/${bucket}/nope.txt`, {
			method: 'HEAD',
			token: env.serviceRoleKey
		});
		expect(missing.status).toBe(400);
	});
});
