import { randomUUID } from 'node:crypto';
import { stat } from 'node:fs/promises';
import type { Scope, Tx } from './db.ts';
import type { Deps } from './deps.ts';
import { errors, StorageError } from './errors.ts';
import { findBucket, findObject, insertObject, upsertObject, type ObjectWrite } from './queries.ts';
import { isEmptyFolderPlaceholder, maxUploadSize } from './rules.ts';
import type { UploadLimits, UploadSource } from './upload-source.ts';

/**
 * An upload, in storage-api's order: the bucket's limits (read as the server), the caller's
 * right to create (or, with upsert, replace) the row checked by running the insert as the
 * caller and rolling it back, the bytes streamed to a new version's file, then the row written
 * as the server, pointing at the new version; the replaced version's file is removed last.
 */
export async function uploadLimits(deps: Deps, scope: Scope, bucketId: string, name: string) {
	const bucket = await deps.db.run(deps.db.superUser(scope), (tx) => findBucket(tx, bucketId));
	if (!bucket) throw errors.noSuchBucket();
	const limits: UploadLimits = {
		maxSize: isEmptyFolderPlaceholder(name)
			? 0
			: maxUploadSize(deps.settings.fileSizeLimit, bucket.file_size_limit),
		allowedMimeTypes: bucket.allowed_mime_types ?? []
	};
	return limits;
}

export interface UploadRequest {
	bucketId: string;
	name: string;
	owner?: string;
	upsert: boolean;
	source: UploadSource;
	maxSize: number;
}

/** Whether the scope's role may write the row: the insert (or upsert) runs and is rolled back. */
export async function mustBeAllowedToWrite(
	deps: Deps,
	scope: Scope,
	row: ObjectWrite,
	upsert: boolean
) {
	try {
		await deps.db.tryAndRollBack(scope, async (tx) => {
			if (upsert) await upsertObject(tx, row);
			else await insertObject(tx, row);
		});
	} catch (error) {
		if (error instanceof StorageError && error.code === 'ResourceAlreadyExists') {
			throw errors.keyAlreadyExists();
		}
		throw error;
	}
}

/** Locks the object's name for the rest of the transaction, as storage-api does while it writes. */
export const lockName = (tx: Tx, bucketId: string, name: string) =>
	tx`select pg_advisory_xact_lock(hashtext(${`${bucketId}/${name}`}))`;

export async function storeUpload(deps: Deps, scope: Scope, upload: UploadRequest) {
	const { bucketId, name, owner, source } = upload;
	await mustBeAllowedToWrite(
		deps,
		scope,
		{
			bucketId,
			name,
			owner,
			version: '1',
			metadata: { mimetype: source.mimeType, contentLength: source.declaredLength },
			userMetadata: source.userMetadata
		},
		upload.upsert
	);
	const version = randomUUID();
	const file = deps.files.pathOf(bucketId, name, version);
	const { size, eTag } = await deps.files.write(file, source.body, upload.maxSize);
	try {
		const metadata = {
			eTag,
			size,
			mimetype: source.mimeType,
			cacheControl: source.cacheControl,
			lastModified: (await stat(file)).mtime.toISOString(),
			contentLength: size,
			httpStatusCode: 200
		};
		const { row, replaced } = await deps.db.run(deps.db.superUser(scope), async (tx) => {
			await lockName(tx, bucketId, name);
			const current = await findObject(tx, bucketId, name, { forUpdate: true });
			const written = await upsertObject(tx, {
				bucketId,
				name,
				owner,
				version,
				metadata,
				userMetadata: { ...source.userMetadata }
			});
			return { row: written, replaced: current?.version };
		});
		if (replaced && replaced !== version) {
			await deps.files.remove(deps.files.pathOf(bucketId, name, replaced));
		}
		return row;
	} catch (error) {
		await deps.files.remove(file);
		throw error;
	}
}
