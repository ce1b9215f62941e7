import { afterAll, describe, expect, it } from 'vitest';
import {
	anonStorage,
	dropBucket,
	env,
	serviceStorage,
	storageError,
	storageFetch,
	uniqueName,
	userStorage,
	userToken
} from './helpers.ts';

/** Buckets through storage-js: list, get, create, update, empty, delete, and their refusals. */
const created: string[] = [];
afterAll(async () => {
	for (const id of created) await dropBucket(id).catch(() => {});
});

async function newBucket(
	options: Parameters<ReturnType<typeof serviceStorage>['createBucket']>[1] = { public: false }
) {
	const name = uniqueName('bucket');
	const { data, error } = await serviceStorage().createBucket(name, options);
	expect(error).toBeNull();
	expect(data).toEqual({ name });
	created.push(name);
	return name;
}

describe('creating and reading buckets', () => {
	it('creates a bucket with its limits and answers it by id and in the list', async () => {
		const name = await newBucket({
			public: true,
			fileSizeLimit: 2048,
			allowedMimeTypes: ['image/png', 'audio/*']
		});
		const { data } = await serviceStorage().getBucket(name);
		expect(data).toMatchObject({
			id: name,
			name,
			owner: '',
			public: true,
			file_size_limit: 2048,
			allowed_mime_types: ['image/png', 'audio/*']
		});
		expect(Date.parse(data!.created_at)).not.toBeNaN();
		const list = await serviceStorage().listBuckets();
		expect(list.data!.find((b) => b.id === name)).toMatchObject({ type: 'STANDARD', public: true });
	});

	it('reads a size given as text in decimal units, and defaults to private without limits', async () => {
		const sized = await newBucket({ public: false, fileSizeLimit: '1.5MB' });
		expect((await serviceStorage().getBucket(sized)).data!.file_size_limit).toBe(1_500_000);
		const plain = await newBucket();
		expect((await serviceStorage().getBucket(plain)).data).toMatchObject({
			public: false,
			file_size_limit: null,
			allowed_mime_types: null
		});
	});

	it('lists with search, sort, limit and offset', async () => {
		const tag = uniqueName('srch');
		for (const suffix of ['b', 'a', 'c']) {
			await serviceStorage().createBucket(`${tag}-${suffix}`);
			created.push(`${tag}-${suffix}`);
		}
		const { data } = await serviceStorage().listBuckets({
			search: tag,
			sortColumn: 'name',
			sortOrder: 'desc',
			limit: 2,
			offset: 1
		});
		expect(data!.map((b) => b.name)).toEqual([`${tag}-b`, `${tag}-a`]);
	});

	it('refuses a duplicate, a bad name, a size above the global limit and a bad MIME type', async () => {
		const name = await newBucket();
		const storage = serviceStorage();
		expect((await storage.createBucket(name)).error).toMatchObject({
			status: 400,
			statusCode: '409',
			code: 'BucketAlreadyExists',
			message: 'The resource already exists'
		});
		expect((await storage.createBucket('has/slash')).error).toMatchObject({
			status: 400,
			statusCode: '400',
			code: 'InvalidBucketName',
			message: 'Bucket name invalid'
		});
		expect((await storage.createBucket(' padded')).error).toMatchObject({
			code: 'InvalidBucketName'
		});
		const tooBig = env.config.storage.fileSizeLimit + 1;
		expect(
			(await storage.createBucket(uniqueName('big'), { public: false, fileSizeLimit: tooBig }))
				.error
		).toMatchObject({ statusCode: '413', code: 'EntityTooLarge' });
		expect(
			(
				await storage.createBucket(uniqueName('mime'), {
					public: false,
					allowedMimeTypes: ['not a type']
				})
			).error
		).toMatchObject({
			statusCode: '415',
			code: 'InvalidMimeType',
			message: 'mime type not a type is not supported'
		});
	});

	it('answers a missing bucket with 404 in the body (and HTTP 400, as storage-api does)', async () => {
		const { error } = await serviceStorage().getBucket(uniqueName('missing'));
		expect(error).toMatchObject({
			status: 400,
			statusCode: '404',
			code: 'NoSuchBucket',
			message: 'Bucket not found'
		});
	});
});

describe('changing buckets', () => {
	it('updates only what is given', async () => {
		const name = await newBucket({
			public: false,
			fileSizeLimit: 1000,
			allowedMimeTypes: ['text/plain']
		});
		const { data, error } = await serviceStorage().updateBucket(name, { public: true });
		expect(error).toBeNull();
		expect(data).toEqual({ message: 'Successfully updated' });
		expect((await serviceStorage().getBucket(name)).data).toMatchObject({
			public: true,
			file_size_limit: 1000,
			allowed_mime_types: ['text/plain']
		});
	});

	it('refuses an update of a missing bucket and one that changes nothing', async () => {
		expect(
			(await serviceStorage().updateBucket(uniqueName('missing'), { public: true })).error
		).toMatchObject({ code: 'NoSuchBucket' });
		const name = await newBucket();
		const empty = await storageFetch(`/bucket/${name}`, {
			method: 'PUT',
			token: env.serviceRoleKey,
			body: {}
		});
		expect(empty.status).toBe(400);
		expect(empty.json).toMatchObject({ statusCode: '400', code: 'InvalidRequest' });
	});

	it('deletes only an empty bucket; empty removes every object', async () => {
		const name = await newBucket();
		await serviceStorage().from(name).upload('a/b.txt', 'x', { contentType: 'text/plain' });
		expect((await serviceStorage().deleteBucket(name)).error).toMatchObject({
			statusCode: '409',
			code: 'ResourceNotEmpty',
			message: 'The bucket you tried to delete is not empty'
		});
		expect((await serviceStorage().emptyBucket(name)).data).toEqual({
			message: 'Empty bucket has been queued. Completion may take up to an hour.'
		});
		expect((await serviceStorage().from(name).list('a')).data).toEqual([]);
		expect((await serviceStorage().deleteBucket(name)).data).toEqual({
			message: 'Successfully deleted'
		});
		expect((await serviceStorage().deleteBucket(name)).error).toMatchObject({
			code: 'NoSuchBucket'
		});
	});
});

describe('who may manage buckets', () => {
	it('hides buckets from anon and users without a policy on storage.buckets, and refuses their creation', async () => {
		const name = await newBucket({ public: true });
		const token = await userToken(crypto.randomUUID());
		for (const storage of [anonStorage(), userStorage(token)]) {
			expect((await storage.listBuckets()).data!.some((b) => b.id === name)).toBe(false);
			expect((await storage.getBucket(name)).error).toMatchObject({ code: 'NoSuchBucket' });
			expect((await storage.createBucket(uniqueName('mine'))).error).toMatchObject({
				statusCode: '403',
				code: 'AccessDenied',
				message: 'new row violates row-level security policy'
			});
		}
	});

	it('lets only the service role empty a bucket (HTTP 403)', async () => {
		const name = await newBucket();
		const { error } = await anonStorage().emptyBucket(name);
		expect(error).toMatchObject({
			status: 403,
			statusCode: '403',
			code: 'AccessDenied',
			message: 'Access denied: Invalid role'
		});
	});

	it('refuses a missing, malformed, expired or forged JWT', async () => {
		const missing = await storageFetch('/bucket');
		expect(missing.json).toMatchObject(
			storageError('400', 'InvalidRequest', "headers must have required property 'authorization'")
		);
		expect((await storageFetch('/bucket', { token: 'not-a-jwt' })).json).toMatchObject(
			storageError('403', 'AccessDenied', 'Invalid Compact JWS')
		);
		const expired = await userToken(crypto.randomUUID(), Math.floor(Date.now() / 1000) - 60);
		expect((await storageFetch('/bucket', { token: expired })).json).toMatchObject(
			storageError('403', 'AccessDenied', '"exp" claim timestamp check failed')
		);
		const { SignJWT } = await import('jose');
		const forged = await new SignJWT({ role: 'service_role' })
			.setProtectedHeader({ alg: 'HS256' })
			.sign(new TextEncoder().encode('not-the-project-secret-not-the-project'));
		const answer = await storageFetch('/bucket', { token: forged });
		expect(answer.status).toBe(400);
		expect(answer.json).toMatchObject(
			storageError('403', 'AccessDenied', 'signature verification failed')
		);
	});
});
