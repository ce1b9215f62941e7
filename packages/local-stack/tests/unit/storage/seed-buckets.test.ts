import { describe, expect, it } from 'vitest';
import { bucketRequests } from '../../../src/storage/seed-buckets.ts';

describe('bucketRequests (what `supabase start` sends for [storage.buckets])', () => {
	const buckets = {
		covers: { public: true, fileSizeLimit: 10_485_760, allowedMimeTypes: ['image/png'] },
		files: { fileSizeLimit: 209_715_200 }
	};

	it('creates a bucket that does not exist, named by its table, with what config.toml gives', () => {
		expect(bucketRequests(buckets, new Set())).toEqual([
			{
				method: 'POST',
				path: '/bucket',
				body: {
					name: 'covers',
					public: true,
					file_size_limit: 10_485_760,
					allowed_mime_types: ['image/png']
				}
			},
			{ method: 'POST', path: '/bucket', body: { name: 'files', file_size_limit: 209_715_200 } }
		]);
	});

	it('updates one that exists, leaving out what config.toml leaves out', () => {
		expect(bucketRequests(buckets, new Set(['files']))[1]).toEqual({
			method: 'PUT',
			path: '/bucket/files',
			body: { file_size_limit: 209_715_200 }
		});
	});
});
