import { enterScope, type Scope } from '../db.ts';
import { keyOf, scopeOf, type Deps } from '../deps.ts';
import { errors } from '../errors.ts';
import { sendJson, type Ctx } from '../http.ts';
import { verifyUrlToken } from '../jwt.ts';
import { deleteObjects, findObject, type ObjectRow } from '../queries.ts';
import { mustBeValidBucketName, mustBeValidKey } from '../rules.ts';
import { discardRest, uploadSourceOf } from '../upload-source.ts';
import { storeUpload, uploadLimits } from '../upload.ts';

/** Writing and deleting objects. */
async function upload(
	deps: Deps,
	ctx: Ctx,
	scope: Scope,
	target: { bucketId: string; name: string; owner?: string; upsert: boolean }
) {
	try {
		mustBeValidBucketName(target.bucketId);
		const limits = await uploadLimits(deps, scope, target.bucketId, target.name);
		const source = await uploadSourceOf(ctx.req, target.name, limits);
		mustBeValidKey(target.name);
		return await storeUpload(deps, scope, { ...target, source, maxSize: limits.maxSize });
	} catch (error) {
		discardRest(ctx.req);
		throw error;
	}
}

/** `POST /object/{bucket}/{path}` (`x-upsert: true` replaces) and `PUT` (always replaces). */
export async function uploadRoute(deps: Deps, ctx: Ctx, bucketId: string, name: string) {
	const replace = ctx.method === 'PUT';
	const scope = scopeOf(ctx, replace ? 'storage.object.upload_update' : 'storage.object.upload');
	const row = await upload(deps, ctx, scope, {
		bucketId,
		name,
		owner: ctx.caller.owner,
		upsert: replace || ctx.req.headers['x-upsert'] === 'true'
	});
	sendJson(ctx, 200, { Key: keyOf(bucketId, name), Id: row.id });
}

/**
 * `PUT /object/upload/sign/{bucket}/{path}?token=`: written as the server, for the owner and with
 * the upsert choice the token carries (the caller's right was checked when it was signed).
 */
export async function signedUploadRoute(deps: Deps, ctx: Ctx, bucketId: string, name: string) {
	try {
		const { token } = ctx.query as { token: string };
		const claims = await verifyUrlToken(token, keyOf(bucketId, name), 'upload', deps.settings.jwt);
		const scope = deps.db.superUser(scopeOf(ctx, 'storage.object.upload_signed'));
		await upload(deps, ctx, scope, {
			bucketId,
			name,
			owner: typeof claims.owner === 'string' ? claims.owner : undefined,
			upsert: claims.upsert === true
		});
	} catch (error) {
		discardRest(ctx.req);
		throw error;
	}
	sendJson(ctx, 200, { Key: keyOf(bucketId, name) });
}

async function removeFiles(deps: Deps, bucketId: string, rows: ObjectRow[]) {
	for (const row of rows) {
		if (row.version) await deps.files.remove(deps.files.pathOf(bucketId, row.name, row.version));
	}
}

/** `DELETE /object/{bucket}/{path}`: found by the server, deleted by the caller (RLS decides). */
export async function deleteObjectRoute(deps: Deps, ctx: Ctx, bucketId: string, name: string) {
	mustBeValidBucketName(bucketId);
	const scope = scopeOf(ctx, 'storage.object.delete');
	const deleted = await deps.db.run(deps.db.superUser(scope), async (tx) => {
		if (!(await findObject(tx, bucketId, name, { forUpdate: true }))) throw errors.noSuchKey();
		await enterScope(tx, scope);
		const [row] = await deleteObjects(tx, bucketId, [name]);
		if (!row) throw errors.accessDenied();
		return row;
	});
	await removeFiles(deps, bucketId, [deleted]);
	sendJson(ctx, 200, { message: 'Successfully deleted' });
}

function objectJson(row: ObjectRow) {
	return {
		name: row.name,
		bucket_id: row.bucket_id,
		owner: row.owner ?? '',
		owner_id: row.owner_id ?? '',
		version: row.version ?? '',
		id: row.id,
		updated_at: row.updated_at.toISOString(),
		created_at: row.created_at.toISOString(),
		last_accessed_at: row.last_accessed_at.toISOString(),
		metadata: row.metadata,
		user_metadata: row.user_metadata
	};
}

/** `DELETE /object/{bucket}` with `{prefixes}`: what the caller may delete is deleted and returned. */
export async function deleteObjectsRoute(deps: Deps, ctx: Ctx, bucketId: string, body: unknown) {
	const { prefixes } = body as { prefixes: string[] };
	mustBeValidBucketName(bucketId);
	const rows = await deps.db.run(scopeOf(ctx, 'storage.object.delete_many'), (tx) =>
		deleteObjects(tx, bucketId, prefixes)
	);
	await removeFiles(deps, bucketId, rows);
	sendJson(ctx, 200, rows.map(objectJson));
}

export { objectJson };
