import http from 'node:http';
import path from 'node:path';
import postgres from 'postgres';
import { apiKeys } from '../config/keys.ts';
import { databaseUrl } from '../config/context.ts';
import { publicJwk } from '../config/signing-keys.ts';
import { loadConfig } from '../config/supabase-config.ts';
import { StorageDb } from './db.ts';
import type { Deps } from './deps.ts';
import { FileStore } from './files.ts';
import { sendError } from './http.ts';
import { migrateStorage } from './migrate.ts';
import { dispatch } from './router.ts';
import { storageApiEnv, storageSettings } from './settings.ts';

/**
 * The local stack's Supabase Storage stand-in. It reads storage-api's own variables (the stack
 * sets them as the Supabase CLI sets them for its storage container); started by hand, it derives
 * them from supabase/config.toml. Like storage-api, it runs its migrations at start, then serves.
 */
const workdir = process.env.STACK_WORKDIR ?? process.cwd();
const config = loadConfig(path.join(workdir, 'supabase'));
const keys = await apiKeys(config.auth);
const defaults = storageApiEnv(config, {
	port: config.ports.storage,
	databaseUrl: databaseUrl(config.ports, 'postgres', 'supabase_storage_admin'),
	filesDir: path.join(workdir, '.local', 'storage'),
	anonKey: keys.anon,
	serviceRoleKey: keys.serviceRole,
	signingKeys: config.auth.signingKeys?.map(publicJwk)
});
const settings = storageSettings({ ...defaults, ...process.env });

const sql = postgres(settings.databaseUrl, { max: 10, onnotice: () => {} });
await migrateStorage(sql, (m) => console.log(m));

const deps: Deps = {
	settings,
	db: new StorageDb(sql, settings.serviceRoleKey),
	files: new FileStore(settings.filesRoot)
};

async function handle(req: http.IncomingMessage, res: http.ServerResponse) {
	const started = Date.now();
	const url = new URL(req.url ?? '/', 'http://storage');
	if (url.pathname === '/status') {
		res.writeHead(200, { 'content-length': '0' });
		return res.end();
	}
	try {
		await dispatch(deps, req, res);
	} catch (error) {
		if (res.headersSent) {
			console.error('storage: request failed after answering:', error);
			res.destroy();
		} else {
			sendError({ res, method: req.method ?? 'GET' }, error);
		}
	}
	console.log(
		`${new Date().toISOString()} ${req.method} ${url.pathname} ${res.statusCode} ${Date.now() - started}ms`
	);
}

const server = http.createServer((req, res) => void handle(req, res));
// Uploads of hundreds of megabytes take longer than Node's default five-minute request timeout.
server.requestTimeout = 0;
server.listen(settings.port, settings.host, () =>
	console.log(`storage listening on http://${settings.host}:${settings.port}`)
);

const shutdown = () => {
	server.close();
	sql.end({ timeout: 2 }).finally(() => process.exit(0));
	setTimeout(() => process.exit(0), 3000).unref();
};
process.on('SIGTERM', shutdown);
process.on('SIGINT', shutdown);
