import { createReadStream } from 'node:fs';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import mime from 'mime-types';
import type { BucketConfig } from '../config/storage-config.ts';

/**
 * What `supabase start` (and `db reset`, `seed buckets`) does with `[storage.buckets.<name>]`:
 * creates each bucket that does not exist, updates the ones that do (a property left out of
 * config.toml is left as it is), then uploads every file under its `objects_path`, replacing
 * what is there. Through the Storage API with the service_role key, as the CLI does.
 */
export interface BucketRequest {
	method: 'POST' | 'PUT';
	path: string;
	body: Record<string, unknown>;
}

/** The CLI's requests for the configured buckets, given the ids that exist (pure). */
export function bucketRequests(
	buckets: Record<string, BucketConfig>,
	existing: Set<string>
): BucketRequest[] {
	return Object.entries(buckets).map(([name, bucket]) => {
		const body: Record<string, unknown> = {};
		if (bucket.public !== undefined) body.public = bucket.public;
		if (bucket.fileSizeLimit > 0) body.file_size_limit = bucket.fileSizeLimit;
		if (bucket.allowedMimeTypes?.length) body.allowed_mime_types = bucket.allowedMimeTypes;
		return existing.has(name)
			? { method: 'PUT', path: `/bucket/${encodeURIComponent(name)}`, body }
			: { method: 'POST', path: '/bucket', body: { name, ...body } };
	});
}

async function filesUnder(dir: string): Promise<string[]> {
	const entries = await readdir(dir, { withFileTypes: true, recursive: true });
	return entries
		.filter((entry) => entry.isFile())
		.map((entry) => path.join(entry.parentPath, entry.name))
		.sort();
}

export async function seedBuckets(
	storageUrl: string,
	serviceRoleKey: string,
	buckets: Record<string, BucketConfig>,
	log: (message: string) => void
) {
	const call = async (
		method: string,
		urlPath: string,
		body: BodyInit,
		headers: Record<string, string>
	) => {
		const response = await fetch(`${storageUrl}${urlPath}`, {
			method,
			headers: { authorization: `Bearer ${serviceRoleKey}`, ...headers },
			body,
			duplex: 'half'
		} as RequestInit);
		if (!response.ok) {
			throw new Error(
				`Storage answered ${method} ${urlPath} with ${response.status}: ${await response.text()}`
			);
		}
		return response;
	};
	const listed = await fetch(`${storageUrl}/bucket`, {
		headers: { authorization: `Bearer ${serviceRoleKey}` }
	});
	const existing = new Set(((await listed.json()) as { id: string }[]).map((bucket) => bucket.id));
	for (const request of bucketRequests(buckets, existing)) {
		await call(request.method, request.path, JSON.stringify(request.body), {
			'content-type': 'application/json'
		});
	}
	for (const [name, bucket] of Object.entries(buckets)) {
		if (!bucket.objectsPath) continue;
		for (const file of await filesUnder(bucket.objectsPath)) {
			const key = path.relative(bucket.objectsPath, file).split(path.sep).join('/');
			log(`Uploading: ${file} => ${name}/${key}`);
			const objectPath = [name, ...key.split('/')].map(encodeURIComponent).join('/');
			// Streamed: a seeded file may be large.
			await call(
				'POST',
				`/object/${objectPath}`,
				Readable.toWeb(createReadStream(file)) as ReadableStream,
				{
					'content-type': mime.lookup(file) || 'application/octet-stream',
					'x-upsert': 'true'
				}
			);
		}
	}
}
