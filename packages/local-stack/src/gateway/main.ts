import http from 'node:http';
import path from 'node:path';
import { readEnvFile } from '../config/env-file.ts';
import { loadConfig } from '../config/supabase-config.ts';
import { answerPreflight, corsHeaders } from './cors.ts';
import { FunctionWorkers } from './functions.ts';
import { checkFunctionJwt } from './jwt.ts';
import { forward, sendJson } from './proxy.ts';
import { forwardToStorage, isStoragePath } from './storage.ts';

/**
 * The API gateway on `[api] port`, standing in for the Supabase CLI's Kong: `/auth/v1/*` to the auth
 * server, `/storage/v1/*` to the storage server, `/functions/v1/<name>` to that function's Deno
 * worker, CORS answered here.
 */
const workdir = process.env.STACK_WORKDIR ?? process.cwd();
const supabaseDir = path.join(workdir, 'supabase');
const config = loadConfig(supabaseDir);
const authPort = Number(process.env.AUTH_PORT ?? config.ports.auth);
const storagePort = Number(process.env.STORAGE_PORT ?? config.ports.storage);
const jwtSecret = new TextEncoder().encode(config.auth.jwtSecret);
const functionsDir = path.join(supabaseDir, 'functions');

const workers = new FunctionWorkers(
	functionsDir,
	{
		SUPABASE_URL: process.env.SUPABASE_URL!,
		SUPABASE_ANON_KEY: process.env.SUPABASE_ANON_KEY!,
		SUPABASE_SERVICE_ROLE_KEY: process.env.SUPABASE_SERVICE_ROLE_KEY!,
		SUPABASE_DB_URL: process.env.SUPABASE_DB_URL!,
		...readEnvFile(path.join(functionsDir, '.env'))
	},
	path.join(workdir, '.local/logs/functions.log')
);

const upstreamDown = (res: http.ServerResponse, headers: Record<string, string>) => () =>
	sendJson(
		res,
		502,
		{ message: 'An invalid response was received from the upstream server' },
		headers
	);

async function serveFunction(req: http.IncomingMessage, res: http.ServerResponse, url: URL) {
	const cors = corsHeaders(req);
	const [, , , name = '', ...rest] = url.pathname.split('/');
	if (!workers.names().includes(name)) {
		return sendJson(
			res,
			404,
			{ code: 'NOT_FOUND', message: 'Requested function was not found' },
			cors
		);
	}
	if (config.functions[name]?.verifyJwt ?? true) {
		const failure = await checkFunctionJwt(req.headers.authorization, jwtSecret);
		if (failure) return sendJson(res, 401, failure, cors);
	}
	const worker = await workers.get(name);
	if (worker.status === 'failed') {
		console.error(`[${name}] failed to boot:\n${worker.error}`);
		return sendJson(
			res,
			503,
			{ code: 'BOOT_ERROR', message: 'Function failed to start (please check logs)' },
			cors
		);
	}
	forward(
		req,
		res,
		{ port: worker.port, path: `/${[name, ...rest].join('/')}${url.search}` },
		(error) =>
			(error as NodeJS.ErrnoException).code === 'ETIMEDOUT'
				? sendJson(res, 504, { code: 'WORKER_TIMEOUT', message: 'Function timed out' }, cors)
				: sendJson(
						res,
						502,
						{
							code: 'WORKER_ERROR',
							message: 'Function exited due to an error (please check logs)'
						},
						cors
					)
	);
}

const server = http.createServer((req, res) => {
	const url = new URL(req.url ?? '/', 'http://gateway');
	if (req.method === 'OPTIONS' && req.headers['access-control-request-method']) {
		return answerPreflight(req, res);
	}
	if (url.pathname === '/__stack/health') return sendJson(res, 200, { ok: true });
	if (url.pathname.startsWith('/auth/v1/') || url.pathname === '/auth/v1') {
		// Kong's request-transformer: an apikey without Authorization becomes the bearer token.
		const headers =
			!req.headers.authorization && typeof req.headers.apikey === 'string'
				? { authorization: `Bearer ${req.headers.apikey}` }
				: {};
		const cors = corsHeaders(req);
		for (const [name, value] of Object.entries(cors)) res.setHeader(name, value);
		return forward(
			req,
			res,
			{ port: authPort, path: url.pathname.slice('/auth/v1'.length) + url.search, headers },
			upstreamDown(res, cors)
		);
	}
	if (isStoragePath(url.pathname)) return forwardToStorage(req, res, url, storagePort);
	if (url.pathname.startsWith('/functions/v1/')) {
		for (const [name, value] of Object.entries(corsHeaders(req))) res.setHeader(name, value);
		serveFunction(req, res, url).catch((error) => {
			console.error(error);
			if (!res.headersSent) sendJson(res, 500, { message: 'Gateway error' });
		});
		return;
	}
	sendJson(res, 404, { message: 'no Route matched with those values' }, corsHeaders(req));
});

workers.watchForChanges();
server.listen(config.ports.api, '127.0.0.1', () => {
	console.log(`gateway listening on http://127.0.0.1:${config.ports.api}`);
	// Boot every function now, so a syntax error shows in the log at start, not on first call.
	for (const name of workers.names()) {
		workers.get(name).then((state) => {
			if (state.status === 'failed') console.error(`[${name}] failed to boot:\n${state.error}`);
			else console.log(`[${name}] serving on 127.0.0.1:${state.port}`);
		});
	}
});

const shutdown = () => {
	workers.stopAll();
	server.close(() => process.exit(0));
	setTimeout(() => process.exit(0), 2000).unref();
};
process.on('SIGTERM', shutdown);
process.on('SIGINT', shutdown);
