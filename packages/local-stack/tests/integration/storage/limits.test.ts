import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dropBucket, env, serviceStorage, storageUrl, uniqueName } from './helpers.ts';

/**
 * Sizes and types: the global `file_size_limit` of config.toml, a bucket's own limit and MIME
 * types, whichever way the body comes; and the buckets config.toml declares.
 */
const bucket = uniqueName('limits');
const files = () => serviceStorage().from(bucket);

beforeAll(async () => {
	const { error } = await serviceStorage().createBucket(bucket, {
		public: false,
		fileSizeLimit: 1000,
		allowedMimeTypes: ['application/pdf', 'audio/*']
	});
	if (error) throw error;
});
afterAll(() => dropBucket(bucket));

/**
 * Sends headers declaring `length` bytes and a first chunk, then waits for the answer: a server
 * that refuses by the declared length answers without the rest (which is never sent).
 */
function declareUpload(path: string, length: number, contentType: string) {
	return new Promise<{ status: number; body: Record<string, unknown> }>((resolve, reject) => {
		const request = http.request(`${storageUrl}${path}`, {
			method: 'POST',
			headers: {
				authorization: `Bearer ${env.serviceRoleKey}`,
				'content-type': contentType,
				'content-length': String(length)
			}
		});
		request.on('response', (response) => {
			let text = '';
			response.on('data', (chunk) => (text += chunk));
			response.on('end', () => {
				request.destroy();
				resolve({ status: response.statusCode ?? 0, body: JSON.parse(text) });
			});
		});
		request.on('error', reject);
		request.write(Buffer.alloc(1024));
	});
}

describe("a bucket's limits", () => {
	it('accepts an allowed type within the size, including a wildcard subtype', async () => {
		expect(
			(await files().upload('ok.pdf', Buffer.alloc(1000), { contentType: 'application/pdf' })).error
		).toBeNull();
		expect(
			(await files().upload('ok.mp3', Buffer.alloc(10), { contentType: 'audio/mpeg' })).error
		).toBeNull();
	});

	it('refuses one byte over the bucket limit, raw or as a form, and stores nothing', async () => {
		const raw = await files().upload('big.pdf', Buffer.alloc(1001), {
			contentType: 'application/pdf'
		});
		expect(raw.error).toMatchObject({
			status: 400,
			statusCode: '413',
			code: 'EntityTooLarge',
			message: 'The object exceeded the maximum allowed size'
		});
		const form = await files().upload(
			'big-form.pdf',
			new Blob([Buffer.alloc(1001)], { type: 'application/pdf' })
		);
		expect(form.error).toMatchObject({ statusCode: '413', code: 'EntityTooLarge' });
		expect((await files().exists('big.pdf')).data).toBe(false);
		expect((await files().exists('big-form.pdf')).data).toBe(false);
	});

	it('refuses a type the bucket does not allow, raw or as a form', async () => {
		const raw = await files().upload('x.png', Buffer.alloc(10), { contentType: 'image/png' });
		expect(raw.error).toMatchObject({
			statusCode: '415',
			code: 'InvalidMimeType',
			message: 'mime type image/png is not supported'
		});
		const form = await files().upload('x.txt', new Blob(['x'], { type: 'text/plain' }));
		expect(form.error).toMatchObject({
			code: 'InvalidMimeType',
			message: 'mime type text/plain is not supported'
		});
	});
});

describe('the global limit (config.toml [storage] file_size_limit)', () => {
	it('refuses a declared length above it before reading the body', async () => {
		const open = uniqueName('open');
		await serviceStorage().createBucket(open);
		try {
			const answer = await declareUpload(
				`/object/${open}/huge.bin`,
				env.config.storage.fileSizeLimit + 1,
				'application/octet-stream'
			);
			expect(answer.status).toBe(400);
			expect(answer.body).toMatchObject({ statusCode: '413', code: 'EntityTooLarge' });
		} finally {
			await dropBucket(open);
		}
	});
});

describe('the buckets of config.toml', () => {
	it('exist with the settings the file gives them', async () => {
		const configured = env.config.storage.buckets;
		expect(Object.keys(configured).length).toBeGreaterThan(0);
		for (const [name, bucket] of Object.entries(configured)) {
			const { data } = await serviceStorage().getBucket(name);
			expect(data).toMatchObject({
				id: name,
				public: bucket.public ?? false,
				file_size_limit: bucket.fileSizeLimit,
				allowed_mime_types: bucket.allowedMimeTypes ?? null
			});
		}
	});

	it("declares the store's covers (public images) and files (private downloads)", () => {
		const { covers, files: downloads } = env.config.storage.buckets;
		expect(covers).toMatchObject({ public: true, fileSizeLimit: 10 * 1024 * 1024 });
		expect(covers.allowedMimeTypes!.every((type) => type.startsWith('image/'))).toBe(true);
		expect(downloads).toMatchObject({
			public: false,
			fileSizeLimit: 200 * 1024 * 1024,
			allowedMimeTypes: ['application/pdf', 'application/epub+zip', 'application/zip', 'audio/*']
		});
		expect(env.config.storage.fileSizeLimit).toBe(200 * 1024 * 1024);
	});
});
