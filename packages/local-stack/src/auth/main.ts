import { randomUUID } from 'node:crypto';
import http from 'node:http';
import path from 'node:path';
import postgres from 'postgres';
import { databaseUrl } from '../config/context.ts';
import { loadConfig } from '../config/supabase-config.ts';
import type { Deps } from './deps.ts';
import { EmailBudget } from './email-budget.ts';
import { ApiError } from './errors.ts';
import { makeCtx, readBody, sendError, type Ctx } from './http.ts';
import { keyringOf } from './keyring.ts';
import { createMailer } from './mailer.ts';
import { migrateAuth } from './migrate.ts';
import { dispatch } from './routes.ts';
import { authSettings } from './settings.ts';

/**
 * The local stack's GoTrue stand-in on the auth port (AUTH_PORT overrides). Settings come from
 * supabase/config.toml as the Supabase CLI would hand them to GoTrue; like GoTrue, it creates
 * its tables at start, then serves.
 */
const workdir = process.env.STACK_WORKDIR ?? process.cwd();
const config = loadConfig(path.join(workdir, 'supabase'));
const settings = authSettings(config, process.env);
const dbUrl =
	process.env.AUTH_DATABASE_URL ?? databaseUrl(config.ports, 'postgres', 'supabase_auth_admin');
const sql = postgres(dbUrl, { max: 10, onnotice: () => {}, connection: { search_path: 'auth' } });

// As GoTrue, refuse to start with keys it could not sign with (none or several marked "sign").
await keyringOf(settings.jwt);
await migrateAuth(sql, (m) => console.log(m));

const deps: Deps = {
	settings,
	sql,
	mailer: createMailer(settings, (m) => console.warn(m)),
	emailBudget: new EmailBudget(settings.emailRateLimit)
};

/**
 * A database rebuilt under a running server (`db:apply`, a reset by another tool) has lost the auth
 * tables: migrate them back and run the request again (it changed nothing, the tables were missing).
 */
async function dispatchMigratingOnce(ctx: Ctx) {
	try {
		return await dispatch(deps, ctx);
	} catch (error) {
		if ((error as { code?: string }).code !== '42P01' || ctx.res.headersSent) throw error;
		console.warn('auth: tables missing (database rebuilt?), migrating again');
		await migrateAuth(sql, (m) => console.log(m));
		return dispatch(deps, ctx);
	}
}

async function handle(req: http.IncomingMessage, res: http.ServerResponse) {
	const requestId = randomUUID();
	let ctx: Ctx = makeCtx(req, res, '');
	try {
		ctx = makeCtx(req, res, await readBody(req));
		if (!(await dispatchMigratingOnce(ctx))) throw new ApiError(404, 'not_found', 'Not Found');
	} catch (error) {
		if (res.headersSent) {
			console.error(`auth: request ${requestId} failed after answering:`, error);
			return;
		}
		sendError(ctx, error, requestId);
	}
	console.log(`${new Date().toISOString()} ${req.method} ${ctx.url.pathname} ${res.statusCode}`);
}

const server = http.createServer((req, res) => void handle(req, res));
server.listen(settings.port, '127.0.0.1', () =>
	console.log(`auth listening on http://127.0.0.1:${settings.port}`)
);

const shutdown = () => {
	server.close();
	sql.end({ timeout: 2 }).finally(() => process.exit(0));
	setTimeout(() => process.exit(0), 3000).unref();
};
process.on('SIGTERM', shutdown);
process.on('SIGINT', shutdown);
