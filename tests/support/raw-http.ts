import { Agent, request } from 'node:http';
import type { FuzzRequest } from './http-arbitraries.ts';

export interface RawResponse {
	status: number;
	headers: Record<string, string | string[] | undefined>;
	text: string;
}

const agent = new Agent({ keepAlive: true, maxSockets: 4 });

/**
 * Sends a request exactly as given (node:http, not fetch: fetch would normalise the path, drop
 * `..`, refuse some methods and fix the body's headers), and reads the whole answer.
 */
export function sendRaw(
	origin: string,
	fuzz: FuzzRequest,
	timeoutMs = 15_000
): Promise<RawResponse> {
	const url = new URL(origin);
	return new Promise((resolve, reject) => {
		let answered = false;
		const req = request(
			{
				agent,
				host: url.hostname,
				port: url.port,
				method: fuzz.method,
				path: fuzz.target,
				headers: {
					...fuzz.headers,
					...(fuzz.body && { 'content-length': String(fuzz.body.byteLength) })
				},
				timeout: timeoutMs
			},
			(res) => {
				answered = true;
				const chunks: Buffer[] = [];
				res.on('data', (chunk: Buffer) => chunks.push(chunk));
				res.on('end', () =>
					resolve({
						status: res.statusCode ?? 0,
						headers: res.headers,
						text: Buffer.concat(chunks).toString('utf8')
					})
				);
				res.on('error', reject);
			}
		);
		req.on('timeout', () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
		// A server may answer (413, 431) and close before the body is written: the answer counts.
		req.on('error', (error) => {
			if (!answered) reject(error);
		});
		req.end(fuzz.body);
	});
}

/** Closes the kept-alive sockets, so the test process can end. */
export const closeRawHttp = () => agent.destroy();
