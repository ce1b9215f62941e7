import http from 'node:http';

/** Hop-by-hop headers a proxy must not forward (RFC 9110 section 7.6.1). */
const hopByHop = new Set([
	'connection',
	'keep-alive',
	'proxy-connection',
	'transfer-encoding',
	'upgrade',
	'te',
	'trailer'
]);

export interface Upstream {
	port: number;
	/** The path as the upstream sees it (the gateway strips its own prefix, as Kong does). */
	path: string;
	headers?: http.OutgoingHttpHeaders;
	/** Milliseconds before the gateway gives up and answers 504. */
	timeoutMs?: number;
}

/**
 * Streams a request to a loopback upstream and its answer back, body untouched (a webhook's
 * signature is computed over the raw bytes). Calls `onError` instead of answering when the
 * upstream cannot be reached, so the caller chooses the message.
 */
export function forward(
	req: http.IncomingMessage,
	res: http.ServerResponse,
	upstream: Upstream,
	onError: (error: Error) => void
) {
	const headers: http.OutgoingHttpHeaders = {};
	for (const [name, value] of Object.entries(req.headers)) {
		if (!hopByHop.has(name)) headers[name] = value;
	}
	headers['x-forwarded-for'] = req.socket.remoteAddress ?? '127.0.0.1';
	headers['x-forwarded-host'] = req.headers.host;
	headers['x-forwarded-proto'] = 'http';
	Object.assign(headers, upstream.headers);

	const outgoing = http.request(
		{ host: '127.0.0.1', port: upstream.port, method: req.method, path: upstream.path, headers },
		(incoming) => {
			const responseHeaders = { ...incoming.headers };
			for (const name of hopByHop) delete responseHeaders[name];
			res.writeHead(incoming.statusCode ?? 502, incoming.statusMessage, responseHeaders);
			incoming.pipe(res);
		}
	);
	outgoing.setTimeout(upstream.timeoutMs ?? 150_000, () => {
		outgoing.destroy(Object.assign(new Error('upstream timed out'), { code: 'ETIMEDOUT' }));
	});
	outgoing.on('error', (error) => {
		if (res.headersSent) res.destroy(error);
		else onError(error);
	});
	req.pipe(outgoing);
}

export function sendJson(res: http.ServerResponse, status: number, body: unknown, headers = {}) {
	res.writeHead(status, { 'content-type': 'application/json', ...headers });
	res.end(JSON.stringify(body));
}
