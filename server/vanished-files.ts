import type { ServerResponse } from 'node:http';
import type { Readable } from 'node:stream';

/**
 * Makes a static file that disappeared after the server started a 404 instead of a crash.
 * adapter-node's file server (sirv) lists `build/client` once at startup; asked for a listed file,
 * it writes the 200 head and pipes a read stream into the answer, with no error handler: when a
 * new build has replaced the folder (the old `.br` of an asset is gone), the stream's ENOENT is
 * an unhandled error and the whole process exits. Node sends nothing before the first write, so
 * the head is held back until the file is open: an error before that is answered 404 (never
 * cached), one after it ends the connection.
 */
export function answerVanishedFilesWith404(res: ServerResponse) {
	const writeHead = res.writeHead;
	let held: Parameters<ServerResponse['writeHead']> | undefined;
	const release = () => {
		res.writeHead = writeHead;
		const head = held;
		held = undefined;
		if (head) res.writeHead(...head);
	};
	res.writeHead = ((...head: Parameters<ServerResponse['writeHead']>) => {
		held = head;
		return res;
	}) as ServerResponse['writeHead'];
	for (const method of ['write', 'end'] as const) {
		const original = res[method] as (...args: unknown[]) => unknown;
		res[method] = function (this: ServerResponse, ...args: unknown[]) {
			release();
			return original.apply(this, args);
		} as never;
	}
	res.on('pipe', (source: Readable) => {
		source.once('error', () => {
			if (!held) return res.destroy();
			held = undefined;
			res.writeHead = writeHead;
			for (const name of res.getHeaderNames()) res.removeHeader(name);
			res.writeHead(404, {
				'content-type': 'text/plain; charset=utf-8',
				'cache-control': 'no-store'
			});
			res.end('Not found');
		});
	});
}
