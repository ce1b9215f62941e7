import type { Deps } from './deps.ts';
import type { Ctx } from './http.ts';
import * as buckets from './routes/buckets.ts';
import * as manage from './routes/manage.ts';
import * as read from './routes/read.ts';
import * as signing from './routes/signing.ts';
import * as write from './routes/write.ts';
import { schemas, type Schema } from './validation.ts';

/**
 * The endpoints storage-js calls, with storage-api's paths, checks and auth: `jwt` requires a
 * valid `Authorization: Bearer`; `optional` treats a missing or bad one as the anonymous caller
 * (who reads public buckets only); `public` reads no JWT at all (public and signed URLs).
 */
export interface Route {
	method: 'GET' | 'HEAD' | 'POST' | 'PUT' | 'DELETE';
	path: string;
	auth: 'jwt' | 'optional' | 'public';
	/** Roles the JWT must carry (storage-api's `enforceJwtRoles`). */
	roles?: string[];
	/** A GET route that HEAD also reaches (Fastify's exposed HEAD route). */
	head?: boolean;
	/** Reads a JSON body; `allowEmpty` for routes whose body is optional. */
	json?: 'required' | 'allowEmpty';
	body?: Schema;
	query?: Schema;
	handle: (deps: Deps, ctx: Ctx, body: unknown) => Promise<void>;
}

const bucketOf = (ctx: Ctx) => ctx.params.bucketName ?? '';
const nameOf = (ctx: Ctx) => ctx.params.wildcard ?? '';
type ObjectHandler = (deps: Deps, ctx: Ctx, bucketId: string, name: string) => Promise<void>;
const onObject = (handler: ObjectHandler) => (deps: Deps, ctx: Ctx) =>
	handler(deps, ctx, bucketOf(ctx), nameOf(ctx));

// Static paths come before `/object/:bucketName/*`, as Fastify's router prefers them.
export const routes: Route[] = [
	{
		method: 'GET',
		path: '/bucket',
		auth: 'jwt',
		query: schemas.listBuckets,
		handle: buckets.listBucketsRoute
	},
	{
		method: 'POST',
		path: '/bucket',
		auth: 'jwt',
		json: 'required',
		body: schemas.createBucket,
		handle: buckets.createBucketRoute
	},
	{
		method: 'POST',
		path: '/bucket/:bucketName/empty',
		auth: 'jwt',
		roles: ['service_role'],
		json: 'allowEmpty',
		handle: (d, c) => buckets.emptyBucketRoute(d, c, bucketOf(c))
	},
	{
		method: 'GET',
		path: '/bucket/:bucketName',
		auth: 'jwt',
		handle: (d, c) => buckets.getBucketRoute(d, c, bucketOf(c))
	},
	{
		method: 'PUT',
		path: '/bucket/:bucketName',
		auth: 'jwt',
		json: 'required',
		body: schemas.updateBucket,
		handle: (d, c, b) => buckets.updateBucketRoute(d, c, bucketOf(c), b)
	},
	{
		method: 'DELETE',
		path: '/bucket/:bucketName',
		auth: 'jwt',
		json: 'allowEmpty',
		handle: (d, c) => buckets.deleteBucketRoute(d, c, bucketOf(c))
	},

	{
		method: 'GET',
		path: '/object/public/:bucketName/*',
		auth: 'public',
		query: schemas.download,
		handle: onObject(read.publicDownloadRoute)
	},
	{
		method: 'HEAD',
		path: '/object/public/:bucketName/*',
		auth: 'public',
		handle: onObject(read.publicHeadRoute)
	},
	{
		method: 'GET',
		path: '/object/info/public/:bucketName/*',
		auth: 'public',
		handle: onObject(read.publicInfoRoute)
	},
	{
		method: 'GET',
		path: '/object/sign/:bucketName/*',
		auth: 'public',
		head: true,
		query: schemas.token,
		handle: onObject(read.signedDownloadRoute)
	},
	{
		method: 'PUT',
		path: '/object/upload/sign/:bucketName/*',
		auth: 'public',
		query: schemas.token,
		handle: onObject(write.signedUploadRoute)
	},

	{
		method: 'GET',
		path: '/object/authenticated/:bucketName/*',
		auth: 'jwt',
		query: schemas.download,
		handle: onObject(read.downloadRoute)
	},
	{
		method: 'HEAD',
		path: '/object/authenticated/:bucketName/*',
		auth: 'jwt',
		handle: onObject(read.headRoute)
	},
	{
		method: 'GET',
		path: '/object/info/authenticated/:bucketName/*',
		auth: 'jwt',
		handle: onObject(read.infoRoute)
	},
	{
		method: 'GET',
		path: '/object/info/:bucketName/*',
		auth: 'optional',
		handle: onObject(read.infoRoute)
	},
	{
		method: 'POST',
		path: '/object/upload/sign/:bucketName/*',
		auth: 'jwt',
		json: 'allowEmpty',
		handle: onObject(signing.signUploadUrlRoute)
	},
	{
		method: 'POST',
		path: '/object/sign/:bucketName/*',
		auth: 'jwt',
		json: 'required',
		body: schemas.signUrl,
		handle: (d, c, b) => signing.signUrlRoute(d, c, bucketOf(c), nameOf(c), b)
	},
	{
		method: 'POST',
		path: '/object/sign/:bucketName',
		auth: 'jwt',
		json: 'required',
		body: schemas.signUrls,
		handle: (d, c, b) => signing.signUrlsRoute(d, c, bucketOf(c), b)
	},
	{
		method: 'POST',
		path: '/object/list/:bucketName',
		auth: 'jwt',
		json: 'required',
		body: schemas.listObjects,
		handle: (d, c, b) => manage.listRoute(d, c, bucketOf(c), b)
	},
	{
		method: 'POST',
		path: '/object/move',
		auth: 'jwt',
		json: 'required',
		body: schemas.moveObject,
		handle: manage.moveRoute
	},
	{
		method: 'POST',
		path: '/object/copy',
		auth: 'jwt',
		json: 'required',
		body: schemas.copyObject,
		handle: manage.copyRoute
	},

	{
		method: 'GET',
		path: '/object/:bucketName/*',
		auth: 'optional',
		query: schemas.download,
		handle: onObject(read.downloadRoute)
	},
	{
		method: 'HEAD',
		path: '/object/:bucketName/*',
		auth: 'optional',
		handle: onObject(read.headRoute)
	},
	{
		method: 'POST',
		path: '/object/:bucketName/*',
		auth: 'jwt',
		handle: onObject(write.uploadRoute)
	},
	{
		method: 'PUT',
		path: '/object/:bucketName/*',
		auth: 'jwt',
		handle: onObject(write.uploadRoute)
	},
	{
		method: 'DELETE',
		path: '/object/:bucketName/*',
		auth: 'jwt',
		handle: onObject(write.deleteObjectRoute)
	},
	{
		method: 'DELETE',
		path: '/object/:bucketName',
		auth: 'jwt',
		json: 'required',
		body: schemas.deleteObjects,
		handle: (d, c, b) => write.deleteObjectsRoute(d, c, bucketOf(c), b)
	}
];
