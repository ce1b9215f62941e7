import { scopeOf, keyOf, type Deps } from '../deps.ts';
import { errors } from '../errors.ts';
import type { Ctx } from '../http.ts';
import { verifyUrlToken } from '../jwt.ts';
import { findBucket, findObject, type ObjectRow } from '../queries.ts';
import { noSuchKeyUnless, sendHead, sendInfo, sendObject } from '../render.ts';
import { mustBeValidBucketName, mustBeValidKey } from '../rules.ts';

/**
 * Reading objects. An object of a public bucket is read as the server by anyone; an object of a
 * private bucket is read as the caller, so RLS decides, and is hidden (NoSuchBucket) from a caller
 * without a valid JWT. A signed URL is checked by its token alone.
 */
async function readableObject(
	deps: Deps,
	ctx: Ctx,
	operation: string,
	bucketId: string,
	name: string
) {
	mustBeValidBucketName(bucketId);
	const scope = scopeOf(ctx, operation);
	const bucket = await deps.db.run(deps.db.superUser(scope), (tx) => findBucket(tx, bucketId));
	if (!bucket || (!bucket.public && !ctx.caller.authenticated)) throw errors.noSuchBucket();
	mustBeValidKey(name);
	const reader = bucket.public ? deps.db.superUser(scope) : scope;
	return noSuchKeyUnless(await deps.db.run(reader, (tx) => findObject(tx, bucketId, name)));
}

async function publicObject(
	deps: Deps,
	ctx: Ctx,
	operation: string,
	bucketId: string,
	name: string
) {
	mustBeValidBucketName(bucketId);
	const scope = deps.db.superUser(scopeOf(ctx, operation));
	return deps.db.run(scope, async (tx) => {
		const bucket = await findBucket(tx, bucketId);
		if (!bucket?.public) throw errors.noSuchBucket();
		mustBeValidKey(name);
		return noSuchKeyUnless(await findObject(tx, bucketId, name));
	});
}

type Finder = typeof readableObject;
type Answer = (deps: Deps, ctx: Ctx, row: ObjectRow) => Promise<void> | void;

const bytes: Answer = (deps, ctx, row) =>
	sendObject(deps, ctx, row, { download: ctx.query.download });
const headers: Answer = (_deps, ctx, row) => sendHead(ctx, row);
const description: Answer = (_deps, ctx, row) => sendInfo(ctx, row);

const route =
	(find: Finder, operation: string, answer: Answer) =>
	async (deps: Deps, ctx: Ctx, bucketId: string, name: string) =>
		answer(deps, ctx, await find(deps, ctx, operation, bucketId, name));

/** `GET /object/{bucket}/{path}` and `/object/authenticated/…`: the bytes, ranges, conditionals. */
export const downloadRoute = route(readableObject, 'storage.object.get_authenticated', bytes);
/** `HEAD` on the same paths: the headers from the object's metadata. */
export const headRoute = route(readableObject, 'object.head_authenticated_info', headers);
/** `GET /object/info/{bucket}/{path}`: the object described (storage-js' `info` and `exists`). */
export const infoRoute = route(readableObject, 'object.get_authenticated_info', description);

/** `GET /object/public/{bucket}/{path}` (and HEAD, info): public buckets only; no JWT read. */
export const publicDownloadRoute = route(publicObject, 'storage.object.get_public', bytes);
export const publicHeadRoute = route(publicObject, 'storage.object.info_public', headers);
export const publicInfoRoute = route(publicObject, 'storage.object.info_public', description);

/** `GET /object/sign/{bucket}/{path}?token=`: the token names the object and bounds the time. */
export async function signedDownloadRoute(deps: Deps, ctx: Ctx, bucketId: string, name: string) {
	const query = ctx.query as { token: string; download?: string };
	const token = await verifyUrlToken(
		query.token,
		keyOf(bucketId, name),
		'download',
		deps.settings.jwt
	);
	mustBeValidBucketName(bucketId);
	mustBeValidKey(name);
	const scope = deps.db.superUser(scopeOf(ctx, 'storage.object.get_signed'));
	const row = noSuchKeyUnless(await deps.db.run(scope, (tx) => findObject(tx, bucketId, name)));
	await sendObject(deps, ctx, row, {
		download: query.download,
		expires: new Date((token.exp ?? 0) * 1000)
	});
}
