import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	anonStorage,
	db,
	dropBucket,
	serviceStorage,
	storageFetch,
	uniqueName,
	userStorage,
	userToken
} from './helpers.ts';

/**
 * RLS decides: with the usual Supabase policy ("a user's files live under a folder named by their
 * id", via storage.foldername and auth.uid()), a user works in their own folder, another user and
 * anon are refused, and the service role is not asked. The policies are this file's own, on its
 * own bucket, written as a project's migration would write them.
 */
const sql = db();
const bucket = uniqueName('rls');
const policy = `contract_${bucket.replace(/-/g, '_')}`;
const ownFolder = `bucket_id = '${bucket}' and (storage.foldername(name))[1] = (select auth.uid()::text)`;
const alice = randomUUID();
const bob = randomUUID();
let aliceFiles: ReturnType<ReturnType<typeof userStorage>['from']>;
let bobFiles: ReturnType<ReturnType<typeof userStorage>['from']>;
let bobToken: string;

beforeAll(async () => {
	await serviceStorage().createBucket(bucket);
	await sql.unsafe(`
		create policy ${policy}_select on storage.objects for select to authenticated using (${ownFolder});
		create policy ${policy}_insert on storage.objects for insert to authenticated with check (${ownFolder});
		create policy ${policy}_update on storage.objects for update to authenticated using (${ownFolder}) with check (${ownFolder});
		create policy ${policy}_delete on storage.objects for delete to authenticated using (${ownFolder});`);
	aliceFiles = userStorage(await userToken(alice)).from(bucket);
	bobToken = await userToken(bob);
	bobFiles = userStorage(bobToken).from(bucket);
});

afterAll(async () => {
	for (const action of ['select', 'insert', 'update', 'delete']) {
		await sql.unsafe(`drop policy if exists ${policy}_${action} on storage.objects`);
	}
	await sql.end();
	await dropBucket(bucket);
});

const refusedByRls = {
	statusCode: '403',
	code: 'AccessDenied',
	message: 'new row violates row-level security policy'
};

describe('a user in their own folder', () => {
	it('uploads, replaces, reads, lists and signs', async () => {
		const upload = await aliceFiles.upload(`${alice}/notes.txt`, 'mine', {
			contentType: 'text/plain'
		});
		expect(upload.error).toBeNull();
		expect(
			(
				await aliceFiles.upload(`${alice}/notes.txt`, 'mine again', {
					contentType: 'text/plain',
					upsert: true
				})
			).error
		).toBeNull();
		expect(await (await aliceFiles.download(`${alice}/notes.txt`)).data!.text()).toBe('mine again');
		expect((await aliceFiles.list(alice)).data!.map((e) => e.name)).toEqual(['notes.txt']);
		const signed = await aliceFiles.createSignedUrl(`${alice}/notes.txt`, 60);
		expect(await (await fetch(signed.data!.signedUrl)).text()).toBe('mine again');
	});

	it('is recorded as the owner', async () => {
		await aliceFiles.upload(`${alice}/owned.txt`, 'x', { contentType: 'text/plain' });
		const [row] =
			await sql`select owner, owner_id from storage.objects where bucket_id = ${bucket} and name = ${`${alice}/owned.txt`}`;
		expect(row).toEqual({ owner: alice, owner_id: alice });
	});

	it('cannot upload into another user’s folder, directly or through a signed upload URL', async () => {
		expect(
			(await aliceFiles.upload(`${bob}/planted.txt`, 'x', { contentType: 'text/plain' })).error
		).toMatchObject(refusedByRls);
		expect((await aliceFiles.createSignedUploadUrl(`${bob}/planted.txt`)).error).toMatchObject(
			refusedByRls
		);
	});
});

describe('another user', () => {
	beforeAll(async () => {
		await aliceFiles.upload(`${alice}/private.txt`, 'alice only', { contentType: 'text/plain' });
	});

	it('does not see the object: download, info, list and signing all say it is not there', async () => {
		expect((await bobFiles.download(`${alice}/private.txt`)).error).toMatchObject({ status: 400 });
		const raw = await storageFetch(`/object/authenticated/${bucket}/${alice}/private.txt`, {
			token: bobToken
		});
		expect(raw.json).toMatchObject({ statusCode: '404', code: 'NoSuchKey' });
		expect((await bobFiles.exists(`${alice}/private.txt`)).data).toBe(false);
		expect((await bobFiles.list(alice)).data).toEqual([]);
		expect((await bobFiles.createSignedUrl(`${alice}/private.txt`, 60)).error).toMatchObject({
			code: 'NoSuchKey'
		});
		const bulk = await bobFiles.createSignedUrls([`${alice}/private.txt`], 60);
		expect(bulk.data![0]).toMatchObject({
			signedUrl: null,
			error: 'Either the object does not exist or you do not have access to it'
		});
	});

	it('cannot replace, move, copy or delete it', async () => {
		expect(
			(
				await bobFiles.upload(`${alice}/private.txt`, 'x', {
					contentType: 'text/plain',
					upsert: true
				})
			).error
		).toMatchObject(refusedByRls);
		expect((await bobFiles.move(`${alice}/private.txt`, `${bob}/taken.txt`)).error).toMatchObject({
			code: 'NoSuchKey'
		});
		expect((await bobFiles.copy(`${alice}/private.txt`, `${bob}/taken.txt`)).error).toMatchObject({
			code: 'NoSuchKey'
		});
		const one = await storageFetch(`/object/${bucket}/${alice}/private.txt`, {
			method: 'DELETE',
			token: bobToken
		});
		expect(one.json).toMatchObject({
			statusCode: '403',
			code: 'AccessDenied',
			message: 'Access denied'
		});
		expect((await bobFiles.remove([`${alice}/private.txt`])).data).toEqual([]);
		expect(
			await (await serviceStorage().from(bucket).download(`${alice}/private.txt`)).data!.text()
		).toBe('alice only');
	});
});

describe('anon and the service role', () => {
	it('anon can neither read nor write', async () => {
		const files = anonStorage().from(bucket);
		expect(
			(await files.upload(`${alice}/anon.txt`, 'x', { contentType: 'text/plain' })).error
		).toMatchObject(refusedByRls);
		expect((await files.download(`${alice}/private.txt`)).error).toMatchObject({ status: 400 });
		expect((await files.list(alice)).data).toEqual([]);
	});

	it('the service role bypasses RLS', async () => {
		const files = serviceStorage().from(bucket);
		expect(
			(await files.upload(`${bob}/by-service.txt`, 'x', { contentType: 'text/plain' })).error
		).toBeNull();
		expect((await files.list(alice)).data!.length).toBeGreaterThan(0);
	});
});
