import type http from 'node:http';

/**
 * CORS as the Supabase CLI's Kong `cors` plugin answers it: any origin, the requested headers
 * echoed back (so `apikey` and `x-client-info` pass), preflights answered by the gateway itself.
 */
export function corsHeaders(req: http.IncomingMessage): Record<string, string> {
	const origin = req.headers.origin;
	return {
		'access-control-allow-origin': origin ?? '*',
		'access-control-allow-credentials': 'true',
		'access-control-expose-headers':
			'Content-Length, Content-Range, X-Supabase-Api-Version, X-Sb-Error-Code, X-Total-Count, Link',
		vary: 'Origin'
	};
}

export function answerPreflight(req: http.IncomingMessage, res: http.ServerResponse) {
	res.writeHead(200, {
		...corsHeaders(req),
		'access-control-allow-methods': 'GET,HEAD,PUT,PATCH,POST,DELETE,OPTIONS,TRACE,CONNECT',
		'access-control-allow-headers':
			req.headers['access-control-request-headers'] ??
			'authorization, x-client-info, apikey, content-type',
		'access-control-max-age': '3600',
		'content-length': '0'
	});
	res.end();
}
