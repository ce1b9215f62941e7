import { afterAll, describe, expect, it } from 'vitest';
import { db, serviceStorage, uniqueName } from './helpers.ts';

/**
 * Storage's tables as the Supabase image and storage-api's migrations leave them, which the
 * project's migrations build on (policies on storage.objects) and its SQL may read.
 */
const sql = db();
afterAll(() => sql.end());

describe('the storage schema', () => {
	it('holds buckets, objects and migrations, owned by supabase_storage_admin, with RLS on', async () => {
		const tables =
			await sql`select c.relname as name, c.relowner::regrole::text as owner, c.relrowsecurity as rls
			from pg_class c where c.relnamespace = 'storage'::regnamespace and c.relname in ('buckets', 'objects', 'migrations')
			order by 1`;
		expect(tables).toEqual([
			{ name: 'buckets', owner: 'supabase_storage_admin', rls: true },
			{ name: 'migrations', owner: 'supabase_storage_admin', rls: true },
			{ name: 'objects', owner: 'supabase_storage_admin', rls: true }
		]);
	});

	it('has the columns policies and queries use', async () => {
		const columns =
			await sql`select table_name as t, column_name as c from information_schema.columns
			where table_schema = 'storage' and table_name in ('buckets', 'objects')`;
		const of = (table: string) => columns.filter((row) => row.t === table).map((row) => row.c);
		expect(of('objects')).toEqual(
			expect.arrayContaining([
				'id',
				'bucket_id',
				'name',
				'owner',
				'owner_id',
				'metadata',
				'user_metadata',
				'path_tokens',
				'version',
				'created_at',
				'updated_at',
				'last_accessed_at'
			])
		);
		expect(of('buckets')).toEqual(
			expect.arrayContaining([
				'id',
				'name',
				'owner',
				'owner_id',
				'public',
				'file_size_limit',
				'allowed_mime_types',
				'type',
				'created_at',
				'updated_at'
			])
		);
	});

	it('has the path helpers', async () => {
		const [row] = await sql`select storage.foldername('user-1/books/guide.pdf') as folders,
			storage.filename('user-1/books/guide.pdf') as file, storage.extension('user-1/books/guide.pdf') as ext`;
		expect(row).toEqual({ folders: ['user-1', 'books'], file: 'guide.pdf', ext: 'pdf' });
	});

	it('records an upload with its metadata, and refuses a direct delete (only the API deletes)', async () => {
		const bucket = uniqueName('schema');
		await serviceStorage().createBucket(bucket);
		await serviceStorage()
			.from(bucket)
			.upload('a.pdf', Buffer.from('%PDF'), { contentType: 'application/pdf', cacheControl: '60' });
		const [row] =
			await sql`select metadata, path_tokens from storage.objects where bucket_id = ${bucket}`;
		expect(row.path_tokens).toEqual(['a.pdf']);
		expect(row.metadata).toMatchObject({
			size: 4,
			mimetype: 'application/pdf',
			cacheControl: 'max-age=60',
			contentLength: 4,
			eTag: expect.stringMatching(/^"[0-9a-f]{32}"$/)
		});
		await expect(sql`delete from storage.objects where bucket_id = ${bucket}`).rejects.toThrow(
			/Direct deletion from storage tables is not allowed/
		);
		await serviceStorage().emptyBucket(bucket);
		await serviceStorage().deleteBucket(bucket);
	});
});
