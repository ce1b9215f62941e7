import { keyOf, scopeOf, type Deps } from '../deps.ts';
import { sendJson, type Ctx } from '../http.ts';
import { signUrlToken } from '../jwt.ts';
import { findObject, visibleNames } from '../queries.ts';
import { noSuchKeyUnless } from '../render.ts';
import { mustBeValidBucketName, mustBeValidExpiresIn, mustBeValidKey } from '../rules.ts';
import { parseUserMetadata } from '../upload-source.ts';
import { mustBeAllowedToWrite } from '../upload.ts';

/**
 * Signed URLs. Signing is where the caller's rights are checked (reading the object as the caller,
 * or running the upload's insert as the caller); the URL then works for whoever holds it, until
 * it expires, for that one object only.
 */

/** `POST /object/sign/{bucket}/{path}` `{expiresIn}` → `{signedURL}`. */
export async function signUrlRoute(
	deps: Deps,
	ctx: Ctx,
	bucketId: string,
	name: string,
	body: unknown
) {
	const { expiresIn } = body as { expiresIn: number };
	mustBeValidExpiresIn(expiresIn);
	mustBeValidBucketName(bucketId);
	mustBeValidKey(name);
	const scope = scopeOf(ctx, 'storage.object.sign');
	noSuchKeyUnless(await deps.db.run(scope, (tx) => findObject(tx, bucketId, name)));
	const url = keyOf(bucketId, name);
	const token = await signUrlToken({ url, scope: 'download' }, deps.settings.jwt.secret, expiresIn);
	sendJson(ctx, 200, { signedURL: `/object/sign/${url}?token=${token}` });
}

/** `POST /object/sign/{bucket}` `{expiresIn, paths}`: one entry per path, an error for the hidden. */
export async function signUrlsRoute(deps: Deps, ctx: Ctx, bucketId: string, body: unknown) {
	const { expiresIn, paths } = body as { expiresIn: number; paths: string[] };
	mustBeValidExpiresIn(expiresIn);
	mustBeValidBucketName(bucketId);
	const visible = await deps.db.run(scopeOf(ctx, 'storage.object.sign_many'), (tx) =>
		visibleNames(tx, bucketId, paths)
	);
	const entries = await Promise.all(
		paths.map(async (path) => {
			if (!visible.has(path)) {
				return {
					error: 'Either the object does not exist or you do not have access to it',
					path,
					signedURL: null
				};
			}
			const url = keyOf(bucketId, path);
			const token = await signUrlToken(
				{ url, scope: 'download' },
				deps.settings.jwt.secret,
				expiresIn
			);
			return { error: null, path, signedURL: `/object/sign/${url}?token=${token}` };
		})
	);
	sendJson(ctx, 200, entries);
}

/**
 * `POST /object/upload/sign/{bucket}/{path}` (`x-upsert: true` lets the upload replace): the
 * caller must be allowed to write the object now; the token carries the caller as owner.
 */
export async function signUploadUrlRoute(deps: Deps, ctx: Ctx, bucketId: string, name: string) {
	mustBeValidBucketName(bucketId);
	const upsert = ctx.req.headers['x-upsert'] === 'true';
	const owner = ctx.caller.owner;
	const declared = Number(ctx.req.headers['content-length']);
	const metadataHeader = ctx.req.headers['x-metadata'];
	await mustBeAllowedToWrite(
		deps,
		scopeOf(ctx, 'storage.object.sign_upload_url'),
		{
			bucketId,
			name,
			owner,
			version: '1',
			metadata: {
				mimetype: ctx.req.headers['content-type'],
				contentLength: Number.isFinite(declared) ? declared : undefined
			},
			userMetadata:
				typeof metadataHeader === 'string' ? parseUserMetadata(metadataHeader) : undefined
		},
		upsert
	);
	const url = keyOf(bucketId, name);
	const token = await signUrlToken(
		{ owner, url, upsert, scope: 'upload' },
		deps.settings.jwt.secret,
		deps.settings.signedUploadExpiresIn
	);
	sendJson(ctx, 200, { url: `/object/upload/sign/${url}?token=${token}`, token });
}
