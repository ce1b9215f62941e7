import http from 'node:http';
import path from 'node:path';
import { readEnvFile } from '../config/env-file.ts';
import { apiKeys } from '../config/keys.ts';
import { functionsJwks } from '../config/signing-keys.ts';
import { loadConfig } from '../config/supabase-config.ts';
import { authorizationFor, isOpenAuthRoute, type GatewayKeys } from './api-keys.ts';
import { answerPreflight, corsHeaders } from './cors.ts';
import { FunctionWorkers } from './functions.ts';
import { serveFunction, type FunctionsRoute } from './functions-route.ts';
import { functionJwtKeys } from './jwt.ts';
import { forward, sendJson } from './proxy.ts';
import { forwardToStorage, isStoragePath } from './storage.ts';

/**
 * The API gateway on `[api] port`, standing in for the Supabase CLI's Kong: `/auth/v1/*` to the auth
 * server, `/storage/v1/*` to the storage server, `/functions/v1/<name>` to that function's Deno
 * worker, CORS answered here, and an API key in `apikey` swapped for its role's JWT on the way
 * (`api-keys.ts`).
 */
const workdir = process.env.STACK_WORKDIR ?? process.cwd();
const supabaseDir = path.join(workdir, 'supabase');
const config = loadConfig(supabaseDir);
const authPort = Number(process.env.AUTH_PORT ?? config.ports.auth);
const storagePort = Number(process.env.STORAGE_PORT ?? config.ports.storage);
const functionsDir = path.join(supabaseDir, 'functions');

// The legacy JWTs the stack printed (handed down by `up`), else derived here from config.toml.
const derived = await apiKeys(config.auth);
const keys: GatewayKeys = {
	publishable: derived.publishable,
	secret: derived.secret,
	anon: process.env.SUPABASE_ANON_KEY || derived.anon,
	serviceRole: process.env.SUPABASE_SERVICE_ROLE_KEY || derived.serviceRole
};
const jwks = functionsJwks(config.auth.signingKeys, config.auth.jwtSecret);

/** What the edge runtime gives every function; secrets named SUPABASE_* in the file are skipped, as the CLI skips them. */
const secrets = Object.entries(readEnvFile(path.join(functionsDir, '.env'))).filter(
	([name]) => !name.startsWith('SUPABASE_')
);
const route: FunctionsRoute = {
	config,
	jwtKeys: functionJwtKeys(config.auth.jwtSecret, jwks),
	workers: new FunctionWorkers(
		functionsDir,
		{
			...Object.fromEntries(secrets),
			SUPABASE_URL: process.env.SUPABASE_URL ?? `http://127.0.0.1:${config.ports.api}`,
			SUPABASE_ANON_KEY: keys.anon,
			SUPABASE_SERVICE_ROLE_KEY: keys.serviceRole,
			SUPABASE_DB_URL: process.env.SUPABASE_DB_URL!,
			SUPABASE_PUBLISHABLE_KEYS: JSON.stringify({ default: keys.publishable }),
			SUPABASE_SECRET_KEYS: JSON.stringify({ default: keys.secret }),
			SUPABASE_JWKS: jwks
		},
		path.join(workdir, '.local/logs/functions.log')
	)
};

const upstreamDown = (res: http.ServerResponse, headers: Record<string, string>) => () =>
	sendJson(
		res,
		502,
		{ message: 'An invalid response was received from the upstream server' },
		headers
	);

const server = http.createServer((req, res) => {
	const url = new URL(req.url ?? '/', 'http://gateway');
	if (req.method === 'OPTIONS' && req.headers['access-control-request-method']) {
		return answerPreflight(req, res);
	}
	if (url.pathname === '/__stack/health') return sendJson(res, 200, { ok: true });
	const cors = corsHeaders(req);
	if (url.pathname.startsWith('/auth/v1/') || url.pathname === '/auth/v1') {
		for (const [name, value] of Object.entries(cors)) res.setHeader(name, value);
		const authorization = isOpenAuthRoute(url.pathname)
			? undefined
			: authorizationFor(req.headers, keys);
		return forward(
			req,
			res,
			{
				port: authPort,
				path: url.pathname.slice('/auth/v1'.length) + url.search,
				headers: authorization === undefined ? {} : { authorization }
			},
			upstreamDown(res, cors)
		);
	}
	if (isStoragePath(url.pathname))
		return forwardToStorage(req, res, url, storagePort, authorizationFor(req.headers, keys));
	if (url.pathname.startsWith('/functions/v1/')) {
		for (const [name, value] of Object.entries(cors)) res.setHeader(name, value);
		const authorization = authorizationFor(req.headers, keys) ?? req.headers.authorization;
		serveFunction(route, req, res, url, authorization, cors).catch((error) => {
			console.error(error);
			if (!res.headersSent) sendJson(res, 500, { message: 'Gateway error' });
		});
		return;
	}
	sendJson(res, 404, { message: 'no Route matched with those values' }, cors);
});

route.workers.watchForChanges();
server.listen(config.ports.api, '127.0.0.1', () => {
	console.log(`gateway listening on http://127.0.0.1:${config.ports.api}`);
	// Boot every function now, so a syntax error shows in the log at start, not on first call.
	for (const name of route.workers.names()) {
		route.workers.get(name).then((state) => {
			if (state.status === 'failed') console.error(`[${name}] failed to boot:\n${state.error}`);
			else console.log(`[${name}] serving on 127.0.0.1:${state.port}`);
		});
	}
});

const shutdown = () => {
	route.workers.stopAll();
	server.close(() => process.exit(0));
	setTimeout(() => process.exit(0), 2000).unref();
};
process.on('SIGTERM', shutdown);
process.on('SIGINT', shutdown);
