import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
	DEFAULT_FILE_SIZE_LIMIT,
	parseSizeInBytes,
	storageConfigOf
} from '../../../src/config/storage-config.ts';

describe('parseSizeInBytes (the CLI’s file_size_limit)', () => {
	it('reads every unit as binary, as Docker’s RAMInBytes does', () => {
		expect(parseSizeInBytes('5MB', 'k')).toBe(5 * 1024 * 1024);
		expect(parseSizeInBytes('5MiB', 'k')).toBe(5 * 1024 * 1024);
		expect(parseSizeInBytes('200MiB', 'k')).toBe(209_715_200);
		expect(parseSizeInBytes('1.5 GB', 'k')).toBe(1.5 * 1024 ** 3);
		expect(parseSizeInBytes('10k', 'k')).toBe(10_240);
		expect(parseSizeInBytes('5000000', 'k')).toBe(5_000_000);
		expect(parseSizeInBytes(5_000_000, 'k')).toBe(5_000_000);
	});

	it('refuses what the CLI refuses, naming the key', () => {
		expect(() => parseSizeInBytes('foobar', 'storage.file_size_limit')).toThrow(
			'Invalid storage.file_size_limit "foobar" in config.toml'
		);
		expect(() => parseSizeInBytes([], 'x')).toThrow(/Invalid x/);
		expect(() => parseSizeInBytes(-1, 'x')).toThrow(/Invalid x/);
	});
});

describe('storageConfigOf', () => {
	const dir = '/project/supabase';

	it('defaults to 50MiB and no buckets', () => {
		expect(storageConfigOf({}, dir)).toEqual({
			enabled: true,
			fileSizeLimit: DEFAULT_FILE_SIZE_LIMIT,
			buckets: {}
		});
	});

	it('gives a bucket without its own limit the global one, and resolves objects_path', () => {
		const config = storageConfigOf(
			{
				storage: {
					file_size_limit: '20MiB',
					buckets: {
						images: { public: true, allowed_mime_types: ['image/png'], objects_path: './images' },
						docs: { file_size_limit: '1MiB' }
					}
				}
			},
			dir
		);
		expect(config.buckets.images).toEqual({
			public: true,
			fileSizeLimit: 20 * 1024 * 1024,
			allowedMimeTypes: ['image/png'],
			objectsPath: path.resolve(dir, 'images')
		});
		expect(config.buckets.docs).toEqual({
			public: undefined,
			fileSizeLimit: 1024 * 1024,
			allowedMimeTypes: undefined,
			objectsPath: undefined
		});
	});

	it('refuses a bucket name Storage would refuse and a malformed type list', () => {
		expect(() => storageConfigOf({ storage: { buckets: { 'a/b': {} } } }, dir)).toThrow(
			/Invalid Bucket name: a\/b/
		);
		expect(() =>
			storageConfigOf({ storage: { buckets: { a: { allowed_mime_types: 'image/png' } } } }, dir)
		).toThrow(/storage.buckets.a.allowed_mime_types/);
	});
});
