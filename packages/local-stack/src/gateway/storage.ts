import type http from 'node:http';
import { corsHeaders } from './cors.ts';
import { forward, sendJson } from './proxy.ts';

/**
 * Kong's `storage-v1` route: `/storage/v1/*` to the storage server with the prefix stripped, CORS
 * added, and `authorization` (the gateway's API key swap, `api-keys.ts`, as the route's
 * request-transformer does) sent instead of the client's when there is one; public URLs carry no
 * key and reach Storage without one. Uploads and downloads stream through untouched; the upstream
 * timeout is for silence, not for a long transfer.
 */
export const isStoragePath = (pathname: string) =>
	pathname === '/storage/v1' || pathname.startsWith('/storage/v1/');

export function forwardToStorage(
	req: http.IncomingMessage,
	res: http.ServerResponse,
	url: URL,
	storagePort: number,
	authorization: string | undefined
) {
	const cors = corsHeaders(req);
	for (const [name, value] of Object.entries(cors)) res.setHeader(name, value);
	const headers = authorization === undefined ? {} : { authorization };
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
