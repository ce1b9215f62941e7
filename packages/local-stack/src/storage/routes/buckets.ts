import { enterScope } from '../db.ts';
import { scopeOf, type Deps } from '../deps.ts';
import { errors, StorageError } from '../errors.ts';
import { sendJson, type Ctx } from '../http.ts';
import {
	countObjects,
	deleteBucket,
	deleteObjects,
	findBucket,
	insertBucket,
	listBuckets,
	updateBucket,
	type BucketChanges,
	type BucketListOptions,
	type BucketRow
} from '../queries.ts';
import {
	mustBeValidAllowedMimeTypes,
	mustBeValidBucketName,
	mustBeValidNewBucketName,
	parseBucketFileSize
} from '../rules.ts';

/** The bucket endpoints (`/bucket`), every query run as the caller so RLS on storage.buckets applies. */
const iso = (date: Date) => date.toISOString();

function bucketJson(bucket: BucketRow, withType: boolean) {
	return {
		id: bucket.id,
		name: bucket.name,
		owner: bucket.owner ?? '',
		public: bucket.public,
		...(withType ? { type: bucket.type } : {}),
		file_size_limit: bucket.file_size_limit,
		allowed_mime_types: bucket.allowed_mime_types,
		created_at: iso(bucket.created_at),
		updated_at: iso(bucket.updated_at)
	};
}

interface LimitFields {
	file_size_limit?: number | string | null;
	allowed_mime_types?: string[] | null;
}

/** A bucket's limits as given: a size in bytes or text ("10MB"), never above the global limit. */
function limitsOf(deps: Deps, body: LimitFields): BucketChanges {
	const changes: BucketChanges = {};
	const size = body.file_size_limit;
	if (typeof size === 'number' || typeof size === 'string') {
		const bytes = typeof size === 'string' ? parseBucketFileSize(size) : size;
		if (bytes > deps.settings.fileSizeLimit) throw errors.entityTooLarge();
		changes.file_size_limit = bytes;
	} else if (size === null) changes.file_size_limit = null;
	if (body.allowed_mime_types !== undefined) {
		const types = body.allowed_mime_types?.filter((type) => type) ?? null;
		if (types) mustBeValidAllowedMimeTypes(types);
		changes.allowed_mime_types = types;
	}
	return changes;
}

export async function listBucketsRoute(deps: Deps, ctx: Ctx) {
	const query = ctx.query as BucketListOptions;
	const rows = await deps.db.run(scopeOf(ctx, 'storage.bucket.list'), (tx) =>
		listBuckets(tx, query)
	);
	sendJson(
		ctx,
		200,
		rows.map((row) => bucketJson(row, true))
	);
}

export async function getBucketRoute(deps: Deps, ctx: Ctx, id: string) {
	const row = await deps.db.run(scopeOf(ctx, 'storage.bucket.get'), (tx) => findBucket(tx, id));
	if (!row) throw errors.noSuchBucket();
	sendJson(ctx, 200, bucketJson(row, false));
}

interface CreateBody extends LimitFields {
	name: string;
	id?: string;
	public?: boolean;
	type?: 'STANDARD' | 'ANALYTICS';
}

export async function createBucketRoute(deps: Deps, ctx: Ctx, body: unknown) {
	const input = body as CreateBody;
	mustBeValidNewBucketName(input.name);
	if (input.id !== undefined) mustBeValidBucketName(input.id);
	if (input.type === 'ANALYTICS') {
		throw new StorageError(
			409,
			'FeatureNotEnabled',
			'The feature Iceberg buckets are not enabled for this tenant is not enabled for this resource'
		);
	}
	const limits = limitsOf(deps, input);
	try {
		await deps.db.run(scopeOf(ctx, 'storage.bucket.create'), (tx) =>
			insertBucket(tx, {
				id: input.id || input.name,
				name: input.name,
				owner: ctx.caller.owner,
				public: input.public ?? false,
				file_size_limit: limits.file_size_limit ?? null,
				allowed_mime_types: limits.allowed_mime_types ?? null
			})
		);
	} catch (error) {
		if (error instanceof StorageError && error.code === 'ResourceAlreadyExists') {
			throw errors.bucketAlreadyExists();
		}
		throw error;
	}
	sendJson(ctx, 200, { name: input.name });
}

export async function updateBucketRoute(deps: Deps, ctx: Ctx, id: string, body: unknown) {
	const input = body as LimitFields & { public?: boolean };
	mustBeValidBucketName(id);
	const changes: BucketChanges = { public: input.public, ...limitsOf(deps, input) };
	if (Object.values(changes).every((value) => value === undefined))
		throw errors.noContentProvided();
	const count = await deps.db.run(scopeOf(ctx, 'storage.bucket.update'), (tx) =>
		updateBucket(tx, id, changes)
	);
	if (count === 0) throw errors.noSuchBucket();
	sendJson(ctx, 200, { message: 'Successfully updated' });
}

/** Deletes an empty bucket: its existence and emptiness seen by the server, the delete by the caller. */
export async function deleteBucketRoute(deps: Deps, ctx: Ctx, id: string) {
	const scope = scopeOf(ctx, 'storage.bucket.delete');
	await deps.db.run(deps.db.superUser(scope), async (tx) => {
		if (!(await findBucket(tx, id, { forUpdate: true }))) throw errors.noSuchBucket();
		if ((await countObjects(tx, id, 1)) > 0) throw errors.bucketNotEmpty();
		await enterScope(tx, scope);
		if ((await deleteBucket(tx, id)) === 0) throw errors.noSuchBucket();
	});
	sendJson(ctx, 200, { message: 'Successfully deleted' });
}

/**
 * Deletes every object of a bucket (the service role only). storage-api queues the work when its
 * queue runs and does it at once otherwise (the CLI's case); it answers the same either way.
 */
export async function emptyBucketRoute(deps: Deps, ctx: Ctx, id: string) {
	const scope = scopeOf(ctx, 'storage.bucket.empty');
	const removed = await deps.db.run(scope, async (tx) => {
		if (!(await findBucket(tx, id))) throw errors.noSuchBucket();
		const names = await tx<
			{ name: string }[]
		>`select name from storage.objects where bucket_id = ${id}`;
		return names.length === 0
			? []
			: deleteObjects(
					tx,
					id,
					names.map((n) => n.name)
				);
	});
	for (const row of removed) {
		if (row.version) await deps.files.remove(deps.files.pathOf(id, row.name, row.version));
	}
	sendJson(ctx, 200, {
		message: 'Empty bucket has been queued. Completion may take up to an hour.'
	});
}
