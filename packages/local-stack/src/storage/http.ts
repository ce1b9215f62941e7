import type http from 'node:http';
import { StorageError } from './errors.ts';
import type { Caller } from './jwt.ts';

/** One request as a route sees it. */
export interface Ctx {
	req: http.IncomingMessage;
	res: http.ServerResponse;
	method: string;
	url: URL;
	/** `bucketName` and the object path (`*`), decoded. */
	params: { bucketName?: string; wildcard?: string };
	query: Record<string, string>;
	caller: Caller;
}

/** Fastify's default body limit, which storage-api keeps for its JSON bodies. */
const jsonBodyLimit = 1024 * 1024;

const fastifyError = (status: number, message: string) =>
	new StorageError(status, 'InvalidRequest', message, {
		error: 'FastifyError',
		httpStatus: status
	});

/**
 * A JSON body as Fastify parses it for storage-api: none without a JSON content type (the
 * schema then says "body must be object"), 400 for an empty or malformed one unless the route
 * allows an empty body, 413 past 1 MiB.
 */
export async function readJson(req: http.IncomingMessage, allowEmpty = false): Promise<unknown> {
	// Read to the end even past the limit (keeping nothing), so the client gets the 413.
	const chunks = await new Promise<Buffer[]>((resolve, reject) => {
		const kept: Buffer[] = [];
		let size = 0;
		req.on('data', (chunk: Buffer) => {
			size += chunk.length;
			if (size <= jsonBodyLimit) kept.push(chunk);
		});
		req.on('end', () =>
			size > jsonBodyLimit ? reject(fastifyError(413, 'Request body is too large')) : resolve(kept)
		);
		req.on('error', reject);
	});
	const type = (req.headers['content-type'] ?? '').toLowerCase();
	if (!/^application\/([\w.+-]+\+)?json\b/.test(type)) return undefined;
	const text = Buffer.concat(chunks).toString('utf8');
	if (text.trim() === '') {
		if (allowEmpty) return undefined;
		throw fastifyError(400, "Body cannot be empty when content-type is set to 'application/json'");
	}
	try {
		return JSON.parse(text);
	} catch {
		throw fastifyError(400, "Body is not valid JSON but content-type is set to 'application/json'");
	}
}

export function sendJson(
	ctx: Pick<Ctx, 'res' | 'method'>,
	status: number,
	body: unknown,
	headers: Record<string, string> = {},
	contentType = 'application/json; charset=utf-8'
) {
	const text = JSON.stringify(body);
	ctx.res.writeHead(status, {
		'content-type': contentType,
		'content-length': Buffer.byteLength(text),
		...headers
	});
	ctx.res.end(ctx.method === 'HEAD' ? undefined : text);
}

export function sendError(ctx: Pick<Ctx, 'res' | 'method'>, error: unknown) {
	const known = error instanceof StorageError ? error : undefined;
	if (!known) console.error('storage: request failed:', error);
	const answer =
		known ?? new StorageError(500, 'InternalError', 'Internal Server Error', { error: 'Internal' });
	sendJson(ctx, answer.httpStatus, answer.body);
}

/** The answer for a path no route serves: Fastify's own at the root, storage-api's below a prefix. */
export function sendRouteNotFound(ctx: Pick<Ctx, 'res' | 'method' | 'url'> & { rawUrl: string }) {
	const message = `Route ${ctx.method}:${ctx.rawUrl} not found`;
	const prefixed = /^\/(bucket|object)(\/|$)/.test(ctx.url.pathname);
	if (!prefixed) return sendJson(ctx, 404, { message, error: 'Not Found', statusCode: 404 });
	const body = { statusCode: '404', error: 'Not Found', message, code: 'InvalidRequest' };
	sendJson(ctx, 404, body, {}, 'application/json');
}
