// The store's production server: `node server/index.ts` (`npm start`, the tests). It serves
// adapter-node's request handler (`<build>/handler.js`, the custom server adapter-node documents)
// on node:http as adapter-node's own entry does (HOST, PORT, SHUTDOWN_TIMEOUT, a graceful
// shutdown that ends with `sveltekit:shutdown`), with two things that entry lacks: a static file
// gone from under the running server is a 404, not a crash (vanished-files.ts), and a page the
// store keeps for every logged-out visitor is answered before SvelteKit sees the request
// (kept-pages.ts). BUILD_DIR names the build to serve (default `build`).
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { keptPageLookup } from './kept-pages.ts';
import { answerVanishedFilesWith404 } from './vanished-files.ts';

type Handler = (req: IncomingMessage, res: ServerResponse, next: () => void) => void;

const build = path.resolve(process.env.BUILD_DIR ?? 'build');
const { handler }: { handler: Handler } = await import(
	pathToFileURL(path.join(build, 'handler.js')).href
);
// Offered when the build's hooks load (adapter-node's handler initialises the server on import).
const lookUpKeptPage = keptPageLookup();
const host = process.env.HOST ?? '0.0.0.0';
const port = Number(process.env.PORT ?? 3000);
const shutdownSeconds = Number(process.env.SHUTDOWN_TIMEOUT ?? 30);

let shuttingDown = false;
const server = createServer((req, res) => {
	answerVanishedFilesWith404(res);
	// While shutting down, a connection is closed as soon as its last answer is out.
	if (shuttingDown) res.once('finish', () => server.closeIdleConnections());
	const kept = lookUpKeptPage?.({
		method: req.method,
		url: req.url,
		cookie: req.headers.cookie,
		acceptLanguage: req.headers['accept-language'],
		acceptEncoding: req.headers['accept-encoding']
	});
	if (kept) {
		res.writeHead(200, kept.headers.flat());
		res.end(kept.body);
		return;
	}
	handler(req, res, () => {
		res.statusCode = 404;
		res.end('Not found');
	});
});

server.listen(port, host, () => console.log(`Listening on http://${host}:${port}`));

function shutdown(reason: NodeJS.Signals) {
	if (shuttingDown) return;
	shuttingDown = true;
	server.closeIdleConnections();
	const force = setTimeout(() => server.closeAllConnections(), shutdownSeconds * 1000);
	server.close(() => {
		clearTimeout(force);
		// The store's hooks stop their workers and close the database pool on this event.
		process.emit('sveltekit:shutdown' as 'SIGTERM', reason);
	});
}

process.on('SIGTERM', shutdown);
process.on('SIGINT', shutdown);
