import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A pass-through in front of the stack's API gateway that writes down every request it forwards,
 * so a test or the bench can count what the store asks Supabase Auth (`/auth/v1/…`) per page.
 */
export async function startCountingProxy(target: string) {
	const upstream = new URL(target);
	const seen: string[] = [];
	const server = http.createServer((req, res) => {
		seen.push(`${req.method} ${new URL(req.url ?? '/', 'http://proxy').pathname}`);
		const forwarded = http.request(
			{
				host: upstream.hostname,
				port: upstream.port,
				method: req.method,
				path: req.url,
				headers: { ...req.headers, host: upstream.host }
			},
			(answer) => {
				res.writeHead(answer.statusCode ?? 502, answer.headers);
				answer.pipe(res);
			}
		);
		forwarded.on('error', () => res.writeHead(502).end());
		req.pipe(forwarded);
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	return {
		url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
		/** The requests to Supabase Auth since the last `reset`, as "METHOD /auth/v1/…". */
		authRequests: () => seen.filter((line) => line.includes(' /auth/v1/')),
		reset: () => void (seen.length = 0),
		stop: () => new Promise<void>((resolve) => server.close(() => resolve()))
	};
}
