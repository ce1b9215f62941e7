import { spawn } from 'node:child_process';
import { closeSync, mkdirSync, openSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { migrateAuth } from '../auth/migrate.ts';
import { gotrueEnv } from '../auth/settings.ts';
import { apiUrl, databaseUrl, type StackContext } from '../config/context.ts';
import {
	processFiles,
	spawnDetached,
	spawnNodeService,
	stopProcess
} from '../process/background.ts';
import { httpOk } from '../process/probes.ts';
import type { Service } from './service.ts';

const entry = fileURLToPath(new URL('../auth/main.ts', import.meta.url));
const templateServer = fileURLToPath(new URL('../auth/template-server.ts', import.meta.url));
// supabase_auth_admin's search_path is auth (bootstrap.sql).
const gotrueDbUrl = (ctx: StackContext, database = 'postgres') =>
	databaseUrl(ctx.config.ports, database, 'supabase_auth_admin');

const gotrueEnvFor = (ctx: StackContext, database?: string) =>
	gotrueEnv(
		ctx.config,
		gotrueDbUrl(ctx, database),
		`http://127.0.0.1:${ctx.config.ports.authTemplates}/email`
	);

/**
 * GoTrue loads a `.env` from its working folder over its environment: in the project root that
 * is the store's `.env` (whose DATABASE_URL is the superuser's), so it runs in a folder of its own.
 */
function gotrueCwd(ctx: StackContext) {
	const dir = path.join(ctx.paths.local, 'gotrue');
	mkdirSync(dir, { recursive: true });
	return dir;
}

/** Runs `<bin> migrate` in the foreground, its output appended to .local/logs/auth-migrate.log. */
async function runToCompletion(
	ctx: StackContext,
	bin: string,
	args: string[],
	env: Record<string, string>
) {
	const { logFile } = processFiles(ctx, 'auth-migrate');
	mkdirSync(path.dirname(logFile), { recursive: true });
	const out = openSync(logFile, 'a');
	try {
		const child = spawn(bin, args, {
			cwd: gotrueCwd(ctx),
			env: { ...process.env, ...ctx.env, ...env },
			stdio: ['ignore', out, out]
		});
		const code = await new Promise<number | null>((resolve, reject) => {
			child.once('error', reject);
			child.once('exit', resolve);
		});
		if (code !== 0) throw new Error(`${bin} ${args.join(' ')} exited with ${code}; see ${logFile}`);
	} finally {
		closeSync(out);
	}
}

export interface AuthCommand {
	command: string;
	args: string[];
	env: Record<string, string>;
	cwd: string;
}

/**
 * The auth server on `port` as a command line: our server, or with GOTRUE_BIN the real binary's
 * `serve` with the env the Supabase CLI would give it; `overrides` are GOTRUE_* settings, which
 * both read (tests run a second server this way, its hook pointed elsewhere).
 */
export function authServerCommand(
	ctx: StackContext,
	port = ctx.config.ports.auth,
	overrides: Record<string, string> = {}
): AuthCommand {
	const bin = process.env.GOTRUE_BIN;
	if (bin) {
		const env = { ...gotrueEnvFor(ctx), PORT: String(port), ...overrides };
		return { command: bin, args: ['serve'], env, cwd: gotrueCwd(ctx) };
	}
	const env = { AUTH_PORT: String(port), ...overrides };
	return { command: process.execPath, args: [entry], env, cwd: ctx.paths.workdir };
}

/**
 * Supabase Auth on its own port, reached through the gateway at /auth/v1: our GoTrue-compatible
 * server (`src/auth`), or the real binary named by GOTRUE_BIN.
 */
export const authService: Service = {
	name: 'auth',
	ports: (ctx) => [ctx.config.ports.auth],
	async start(ctx) {
		const bin = process.env.GOTRUE_BIN;
		if (bin) {
			// The real binary gets the templates over HTTP, as from the CLI's nginx, and migrates itself.
			spawnNodeService(ctx, 'auth-templates', templateServer);
			await runToCompletion(ctx, bin, ['migrate'], gotrueEnvFor(ctx));
		}
		const { command, args, env, cwd } = authServerCommand(ctx);
		spawnDetached(ctx, 'auth', command, args, { env, cwd });
	},
	health: (ctx) => httpOk(`http://127.0.0.1:${ctx.config.ports.auth}/health`),
	// The auth tables exist before the app's migrations (which reference auth.users), as in
	// Supabase's image; a reset drops them, so the server restarts around it.
	prepareDatabase: async (ctx, sql) => {
		const bin = process.env.GOTRUE_BIN;
		// The database being rebuilt may be a scratch one (db:apply): migrate that one.
		if (bin) await runToCompletion(ctx, bin, ['migrate'], gotrueEnvFor(ctx, sql.options.database));
		else await migrateAuth(sql);
	},
	restartOnReset: true,
	async stop(ctx) {
		await stopProcess(processFiles(ctx, 'auth').pidFile);
		await stopProcess(processFiles(ctx, 'auth-templates').pidFile);
	},
	endpoints: (ctx) => [
		{
			label: 'Auth URL',
			value: `${apiUrl(ctx.config.ports)}/auth/v1${process.env.GOTRUE_BIN ? ' (GOTRUE_BIN)' : ''}`
		}
	],
	// The Send Email Hook's function checks the signature with the secret config.toml gives the server.
	functionsEnv: (ctx): Record<string, string> => {
		const hook = ctx.config.auth.hooks.send_email;
		return {
			// The store's public URL (the auth site URL), for links in emails the functions ask for.
			STORE_URL: ctx.config.auth.siteUrl,
			...(hook?.enabled && hook.secrets ? { SEND_EMAIL_HOOK_SECRET: hook.secrets } : {})
		};
	}
};
