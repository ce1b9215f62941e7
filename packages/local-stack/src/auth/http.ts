import type http from 'node:http';
import { ApiError, errorAnswer, OAuthError, requestedApiVersion } from './errors.ts';

/** One request as the routes see it: parsed URL, headers, raw body, and the answer helpers. */
export interface Ctx {
	method: string;
	url: URL;
	params: Record<string, string>;
	headers: http.IncomingHttpHeaders;
	rawBody: string;
	apiVersion: string | undefined;
	ip: string;
	userAgent: string;
	res: http.ServerResponse;
}

const maxBody = 1024 * 1024;

export async function readBody(req: http.IncomingMessage): Promise<string> {
	const chunks: Buffer[] = [];
	let size = 0;
	for await (const chunk of req) {
		size += (chunk as Buffer).length;
		if (size > maxBody)
			throw new ApiError(413, 'request_entity_too_large', 'Request body too large');
		chunks.push(chunk as Buffer);
	}
	return Buffer.concat(chunks).toString('utf8');
}

/** Go's encoding/json wording for the common parse failures, after GoTrue's prefix. */
function goJsonError(raw: string, error: Error): string {
	if (raw.trim() === '') return 'unexpected end of JSON input';
	const at = /position (\d+)/.exec(error.message);
	const pos = at ? Number(at[1]) : raw.search(/\S/);
	const c = raw[pos];
	if (c === undefined) return 'unexpected end of JSON input';
	return `invalid character '${c}' looking for beginning of value`;
}

/**
 * The JSON body as an object. Fields named in `strings` must be strings (or null/absent): Go's
 * decoder refuses another type, which GoTrue also answers with 400 bad_json.
 */
export function jsonBody(ctx: Ctx, strings: string[] = []): Record<string, unknown> {
	let value: unknown;
	try {
		value = JSON.parse(ctx.rawBody);
	} catch (error) {
		throw new ApiError(
			400,
			'bad_json',
			`Could not parse request body as JSON: ${goJsonError(ctx.rawBody, error as Error)}`
		);
	}
	if (value === null) return {};
	if (typeof value !== 'object' || Array.isArray(value)) {
		const kind = Array.isArray(value)
			? 'array'
			: typeof value === 'string'
				? 'string'
				: typeof value;
		throw new ApiError(
			400,
			'bad_json',
			`Could not parse request body as JSON: json: cannot unmarshal ${kind} into Go value of type struct`
		);
	}
	const body = value as Record<string, unknown>;
	for (const field of strings) {
		const v = body[field];
		if (v !== undefined && v !== null && typeof v !== 'string') {
			throw new ApiError(
				400,
				'bad_json',
				`Could not parse request body as JSON: json: cannot unmarshal ${Array.isArray(v) ? 'array' : typeof v} into Go struct field .${field} of type string`
			);
		}
	}
	return body;
}

export const str = (value: unknown) => (typeof value === 'string' ? value : '');

export function sendJson(
	ctx: Ctx,
	status: number,
	body: unknown,
	headers: Record<string, string> = {}
) {
	const text = JSON.stringify(body);
	ctx.res.writeHead(status, {
		'content-type': 'application/json',
		'content-length': Buffer.byteLength(text),
		...headers
	});
	ctx.res.end(text);
}

export function sendEmpty(ctx: Ctx, status = 204) {
	ctx.res.writeHead(status);
	ctx.res.end();
}

/** 303 with Go's tiny body, as http.Redirect writes it for a GET. */
export function redirect(ctx: Ctx, location: string) {
	const body = `<a href="${location.replace(/&/g, '&amp;').replace(/"/g, '&#34;')}">See Other</a>.\n`;
	ctx.res.writeHead(303, {
		location,
		'content-type': 'text/html; charset=utf-8',
		'content-length': Buffer.byteLength(body)
	});
	ctx.res.end(body);
}

export function sendError(ctx: Ctx, error: unknown, requestId: string) {
	if (error instanceof ApiError || error instanceof OAuthError) {
		const answer = errorAnswer(error, ctx.apiVersion, requestId);
		return sendJson(ctx, answer.status, answer.body, answer.headers);
	}
	console.error(`auth: request ${requestId} failed:`, error);
	const answer = errorAnswer(
		new ApiError(
			500,
			'unexpected_failure',
			'Unexpected failure, please check server logs for more information'
		),
		ctx.apiVersion,
		requestId
	);
	sendJson(ctx, answer.status, answer.body, answer.headers);
}

export function makeCtx(req: http.IncomingMessage, res: http.ServerResponse, rawBody: string): Ctx {
	const forwarded = req.headers['x-forwarded-for'];
	return {
		method: req.method ?? 'GET',
		url: new URL(req.url ?? '/', 'http://auth'),
		params: {},
		headers: req.headers,
		rawBody,
		apiVersion: requestedApiVersion(req.headers['x-supabase-api-version'] as string | undefined),
		ip:
			(typeof forwarded === 'string' ? forwarded.split(',')[0].trim() : req.socket.remoteAddress) ??
			'127.0.0.1',
		userAgent: req.headers['user-agent'] ?? '',
		res
	};
}
