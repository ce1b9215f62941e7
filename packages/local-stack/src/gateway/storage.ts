import type http from 'node:http';
import { corsHeaders } from './cors.ts';
import { forward, sendJson } from './proxy.ts';

/**
 * Kong's `storage-v1` route: `/storage/v1/*` to the storage server with the prefix stripped, CORS
 * added, and, as its request-transformer does, an `apikey` sent without `Authorization` turned
 * into the bearer token (public URLs carry neither and reach Storage without one). Uploads and
 * downloads stream through untouched; the upstream timeout is for silence, not for a long transfer.
 */
export const isStoragePath = (pathname: string) =>
	pathname === '/storage/v1' || pathname.startsWith('/storage/v1/');

export function forwardToStorage(
	req: http.IncomingMessage,
	res: http.ServerResponse,
	url: URL,
	storagePort: number
) {
	const cors = corsHeaders(req);
	for (const [name, value] of Object.entries(cors)) res.setHeader(name, value);
	const headers =
		!req.headers.authorization && typeof req.headers.apikey === 'string'
			? { authorization: `Bearer ${req.headers.apikey}` }
			: {};
	forward(
		req,
		res,
		{
			port: storagePort,
			path: (url.pathname.slice('/storage/v1'.length) || '/') + url.search,
			headers
		},
		() =>
			sendJson(
				res,
				502,
				{ message: 'An invalid response was received from the upstream server' },
				cors
			)
	);
}
