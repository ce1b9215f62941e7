import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	anonStorage,
	dropBucket,
	env,
	serviceStorage,
	storageFetch,
	uniqueName
} from './helpers.ts';

/** Public buckets: readable by URL without a JWT; private ones never, whoever asks without a right. */
const open = uniqueName('public');
const closed = uniqueName('private');

beforeAll(async () => {
	await serviceStorage().createBucket(open, { public: true });
	await serviceStorage().createBucket(closed, { public: false });
	await serviceStorage().from(open).upload('covers/one.png', Buffer.from('png-bytes'), {
		contentType: 'image/png',
		cacheControl: '31536000'
	});
	await serviceStorage()
		.from(closed)
		.upload('secret.pdf', Buffer.from('%PDF secret'), { contentType: 'application/pdf' });
});
afterAll(async () => {
	await dropBucket(open);
	await dropBucket(closed);
});

describe('public buckets', () => {
	it('serve an object at its public URL to a browser without any key', async () => {
		const { data } = anonStorage().from(open).getPublicUrl('covers/one.png');
		expect(data.publicUrl).toBe(`${env.apiUrl}/storage/v1/object/public/${open}/covers/one.png`);
		const response = await fetch(data.publicUrl);
		expect(response.status).toBe(200);
		expect(response.headers.get('content-type')).toBe('image/png');
		expect(response.headers.get('cache-control')).toBe('max-age=31536000');
		expect(await response.text()).toBe('png-bytes');
	});

	it('serve HEAD and info on the public path, and the download option', async () => {
		const head = await storageFetch(`/object/public/${open}/covers/one.png`, { method: 'HEAD' });
		expect(head.status).toBe(200);
		expect(head.headers.get('content-length')).toBe('9');
		const info = await storageFetch(`/object/info/public/${open}/covers/one.png`);
		expect(info.json).toMatchObject({ name: 'covers/one.png', size: 9, content_type: 'image/png' });
		const { data } = anonStorage()
			.from(open)
			.getPublicUrl('covers/one.png', { download: 'cover.png' });
		const response = await fetch(data.publicUrl);
		expect(response.headers.get('content-disposition')).toBe(
			"attachment; filename=cover.png; filename*=UTF-8''cover.png"
		);
	});

	it('serve the object to any caller on the authenticated paths, without a policy', async () => {
		const { data, error } = await anonStorage().from(open).download('covers/one.png');
		expect(error).toBeNull();
		expect(await data!.text()).toBe('png-bytes');
		const withBadJwt = await storageFetch(`/object/${open}/covers/one.png`, { token: 'not-a-jwt' });
		expect(withBadJwt.status).toBe(200);
	});

	it('answer a missing object with NoSuchKey', async () => {
		const missing = await storageFetch(`/object/public/${open}/covers/none.png`);
		expect(missing.status).toBe(400);
		expect(missing.json).toMatchObject({ statusCode: '404', code: 'NoSuchKey' });
	});
});

describe('private buckets', () => {
	it('never serve an object at a public URL: the bucket is "not found"', async () => {
		const { data } = anonStorage().from(closed).getPublicUrl('secret.pdf');
		const response = await fetch(data.publicUrl);
		expect(response.status).toBe(400);
		expect(await response.json()).toMatchObject({
			statusCode: '404',
			code: 'NoSuchBucket',
			message: 'Bucket not found'
		});
	});

	it('hide the bucket from a request without a valid JWT, and the object from anon without a policy', async () => {
		expect((await storageFetch(`/object/${closed}/secret.pdf`)).json).toMatchObject({
			code: 'NoSuchBucket'
		});
		expect(
			(await storageFetch(`/object/${closed}/secret.pdf`, { token: 'bad' })).json
		).toMatchObject({ code: 'NoSuchBucket' });
		expect((await storageFetch(`/object/info/${closed}/secret.pdf`)).json).toMatchObject({
			code: 'NoSuchBucket'
		});
		const anon = await anonStorage().from(closed).download('secret.pdf');
		expect(anon.error).toMatchObject({ status: 400 });
		const raw = await storageFetch(`/object/authenticated/${closed}/secret.pdf`, {
			token: env.anonKey
		});
		expect(raw.json).toMatchObject({ statusCode: '404', code: 'NoSuchKey' });
		expect((await anonStorage().from(closed).exists('secret.pdf')).data).toBe(false);
	});

	it('serve the object to the service role', async () => {
		const { data } = await serviceStorage().from(closed).download('secret.pdf');
		expect(await data!.text()).toBe('%PDF secret');
	});
});
