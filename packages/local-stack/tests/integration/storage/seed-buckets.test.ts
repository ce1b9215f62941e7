import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { seedBuckets } from '../../../src/storage/seed-buckets.ts';
import { dropBucket, env, serviceStorage, storageUrl, uniqueName } from './helpers.ts';

/**
 * `[storage.buckets.<name>]` applied as `supabase start` applies it, here with a bucket of this
 * test's own (the stack applies the project's at every `up`): created, then updated, and the
 * files of its `objects_path` uploaded under their relative paths, replacing what is there.
 */
const bucket = uniqueName('seeded');
const folder = mkdtempSync(path.join(tmpdir(), 'seed-objects-'));
mkdirSync(path.join(folder, 'covers'));
writeFileSync(path.join(folder, 'readme.txt'), 'hello');
writeFileSync(path.join(folder, 'covers', 'one.png'), 'png');

afterAll(async () => {
	rmSync(folder, { recursive: true, force: true });
	await dropBucket(bucket);
});

const seed = (config: Parameters<typeof seedBuckets>[2][string]) =>
	seedBuckets(storageUrl, env.serviceRoleKey, { [bucket]: config }, () => {});

describe('seeding the configured buckets', () => {
	it('creates the bucket and uploads its objects_path with types from the extensions', async () => {
		await seed({
			public: true,
			fileSizeLimit: 1024,
			allowedMimeTypes: ['image/png', 'text/plain'],
			objectsPath: folder
		});
		expect((await serviceStorage().getBucket(bucket)).data).toMatchObject({
			public: true,
			file_size_limit: 1024,
			allowed_mime_types: ['image/png', 'text/plain']
		});
		const files = serviceStorage().from(bucket);
		expect((await files.info('covers/one.png')).data).toMatchObject({
			contentType: 'image/png',
			size: 3
		});
		expect((await files.info('readme.txt')).data).toMatchObject({ contentType: 'text/plain' });
	});

	it('updates an existing bucket, keeps what config.toml leaves out, and replaces the files', async () => {
		writeFileSync(path.join(folder, 'readme.txt'), 'hello again');
		await seed({ fileSizeLimit: 2048, objectsPath: folder });
		expect((await serviceStorage().getBucket(bucket)).data).toMatchObject({
			public: true,
			file_size_limit: 2048,
			allowed_mime_types: ['image/png', 'text/plain']
		});
		const { data } = await serviceStorage().from(bucket).download('readme.txt');
		expect(await data!.text()).toBe('hello again');
	});
});
