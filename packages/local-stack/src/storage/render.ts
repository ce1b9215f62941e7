import { pipeline } from 'node:stream/promises';
import type { Deps } from './deps.ts';
import { errors } from './errors.ts';
import { sendJson, type Ctx } from './http.ts';
import type { ObjectRow } from './queries.ts';
import { contentDisposition, parseRange } from './rules.ts';

/**
 * How storage-api answers for an object: its bytes (downloads), its headers alone (HEAD), or its
 * description as JSON (info), with the headers of its renderers: ETag, Last-Modified, Cache-Control
 * (or Expires for a signed URL), Accept-Ranges, X-Robots-Tag, Content-Disposition for `download`.
 */
interface Asset {
	eTag?: string;
	size: number;
	mimetype?: string;
	cacheControl?: string;
	lastModified?: Date;
}

function assetOf(row: ObjectRow): Asset {
	const m = row.metadata ?? {};
	const text = (v: unknown) => (typeof v === 'string' ? v : undefined);
	const lastModified = text(m.lastModified) ? new Date(m.lastModified as string) : undefined;
	return {
		eTag: text(m.eTag),
		size: typeof m.size === 'number' ? m.size : 0,
		mimetype: text(m.mimetype),
		cacheControl: text(m.cacheControl),
		lastModified: lastModified && !Number.isNaN(lastModified.getTime()) ? lastModified : undefined
	};
}

// Served as text, never rendered: an HTML object must not run script on the Storage origin.
const servedType = (type = 'application/octet-stream') =>
	type.includes('text/html') ? 'text/plain' : type;

function cacheControl(ctx: Ctx, asset: Asset, onStale: string) {
	const values = [asset.cacheControl ?? 'no-cache'];
	const etag = ctx.req.headers['if-none-match'];
	if (etag && etag !== asset.eTag) values.push(onStale);
	return values.join(', ');
}

function commonHeaders(asset: Asset): Record<string, string> {
	const headers: Record<string, string> = {
		'accept-ranges': 'bytes',
		'content-type': servedType(asset.mimetype),
		'x-robots-tag': 'none'
	};
	if (asset.eTag) headers.etag = asset.eTag;
	if (asset.lastModified) headers['last-modified'] = asset.lastModified.toUTCString();
	return headers;
}

function notModified(ctx: Ctx, asset: Asset) {
	const etag = ctx.req.headers['if-none-match'];
	if (etag) return etag === asset.eTag;
	const since = Date.parse(ctx.req.headers['if-modified-since'] ?? '');
	return (
		!Number.isNaN(since) &&
		asset.lastModified !== undefined &&
		asset.lastModified.getTime() <= since
	);
}

export interface SendOptions {
	download?: string;
	/** A signed URL's expiry, sent as Expires instead of the object's Cache-Control. */
	expires?: Date;
}

/** Streams the object (or the requested range) from its version's file. */
export async function sendObject(deps: Deps, ctx: Ctx, row: ObjectRow, options: SendOptions = {}) {
	const asset = assetOf(row);
	const headers = commonHeaders(asset);
	if (options.expires) headers.expires = options.expires.toUTCString();
	else headers['cache-control'] = cacheControl(ctx, asset, 'stale-while-revalidate=30');
	if (options.download !== undefined)
		headers['content-disposition'] = contentDisposition(options.download);
	if (notModified(ctx, asset)) {
		ctx.res.writeHead(304, { ...headers, 'content-length': '0' });
		return void ctx.res.end();
	}
	const range = ctx.req.headers.range ? parseRange(ctx.req.headers.range, asset.size) : undefined;
	let body;
	try {
		body = await deps.files.read(deps.files.pathOf(row.bucket_id, row.name, row.version), range);
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
		// The row outlived its bytes: the renderer's "not found", never cached.
		return sendJson(
			ctx,
			400,
			{
				error: 'Not found',
				message: 'The resource was not found',
				statusCode: '404',
				code: 'NoSuchKey'
			},
			{ 'cache-control': 'no-store' }
		);
	}
	if (range) {
		headers['content-range'] = `bytes ${range.start}-${range.end}/${asset.size}`;
		headers['content-length'] = String(range.end - range.start + 1);
	} else {
		headers['content-length'] = String(asset.size);
	}
	ctx.res.writeHead(range ? 206 : 200, headers);
	if (ctx.method === 'HEAD') {
		body.destroy();
		return void ctx.res.end();
	}
	// A client that goes away mid-download ends the stream; nothing to answer then.
	await pipeline(body, ctx.res).catch(() => {});
}

/** The object's headers from its metadata row, no body (HEAD). */
export function sendHead(ctx: Ctx, row: ObjectRow) {
	const asset = assetOf(row);
	ctx.res.writeHead(200, {
		...commonHeaders(asset),
		'cache-control': cacheControl(ctx, asset, 'must-revalidate'),
		'content-length': String(asset.size)
	});
	ctx.res.end();
}

/** The object described as JSON (`info`): its size, type, ETag, user metadata and dates. */
export function sendInfo(ctx: Ctx, row: ObjectRow) {
	const asset = assetOf(row);
	const headers: Record<string, string> = { 'cache-control': asset.cacheControl ?? 'no-cache' };
	if (asset.eTag) headers.etag = asset.eTag;
	if (asset.lastModified) headers['last-modified'] = asset.lastModified.toUTCString();
	sendJson(
		ctx,
		200,
		{
			id: row.id,
			name: row.name,
			version: row.version,
			bucket_id: row.bucket_id,
			size: asset.size,
			content_type: asset.mimetype ?? null,
			cache_control: asset.cacheControl ?? null,
			etag: asset.eTag ?? null,
			metadata: row.user_metadata,
			last_modified: row.updated_at.toISOString(),
			created_at: row.created_at.toISOString()
		},
		headers
	);
}

export const noSuchKeyUnless = <T>(row: T | undefined): T => {
	if (!row) throw errors.noSuchKey();
	return row;
};
