import { spawn } from 'node:child_process';
import { closeSync, mkdirSync, openSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { JWK } from 'jose';
import { apiUrl, databaseUrl, type StackContext } from '../config/context.ts';
import {
	processFiles,
	spawnDetached,
	spawnNodeService,
	stopProcess
} from '../process/background.ts';
import { httpOk } from '../process/probes.ts';
import { migrateStorage } from '../storage/migrate.ts';
import { seedBuckets } from '../storage/seed-buckets.ts';
import { storageApiEnv } from '../storage/settings.ts';
import type { Service } from './service.ts';

const entry = fileURLToPath(new URL('../storage/main.ts', import.meta.url));
const storageUrl = (ctx: StackContext) => `http://127.0.0.1:${ctx.config.ports.storage}`;

/** A real storage-api checkout, built (`dist/`), to run instead of our server. */
const realServerDir = () => process.env.STORAGE_SERVER_DIR;

/** Public signing keys the stack publishes (SUPABASE_JWKS), which Storage must accept too. */
function signingKeys(ctx: StackContext): JWK[] {
	const jwks = ctx.env.SUPABASE_JWKS;
	return jwks ? ((JSON.parse(jwks) as { keys?: JWK[] }).keys ?? []) : [];
}

/** storage-api's environment as the Supabase CLI sets it, for one database of the stack. */
const envFor = (ctx: StackContext, database = 'postgres') =>
	storageApiEnv(ctx.config, {
		port: ctx.config.ports.storage,
		databaseUrl: databaseUrl(ctx.config.ports, database, 'supabase_storage_admin'),
		filesDir: path.join(ctx.paths.local, 'storage'),
		anonKey: ctx.keys.anon,
		serviceRoleKey: ctx.keys.serviceRole,
		signingKeys: signingKeys(ctx)
	});

/** storage-api's own migration script, in the foreground, for the database being prepared. */
async function runRealMigrations(ctx: StackContext, dir: string, database: string) {
	const { logFile } = processFiles(ctx, 'storage-migrate');
	mkdirSync(path.dirname(logFile), { recursive: true });
	const out = openSync(logFile, 'a');
	try {
		const child = spawn(process.execPath, [path.join(dir, 'dist/scripts/migrate-call.js')], {
			// storage-api finds ./migrations from its own folder, the image's working directory.
			cwd: dir,
			env: { ...process.env, ...envFor(ctx, database) },
			stdio: ['ignore', out, out]
		});
		const code = await new Promise<number | null>((resolve, reject) => {
			child.once('error', reject);
			child.once('exit', resolve);
		});
		if (code !== 0) throw new Error(`storage-api migrations exited with ${code}; see ${logFile}`);
	} finally {
		closeSync(out);
	}
}

/**
 * Supabase Storage on its own port, reached through the gateway at /storage/v1: our
 * storage-api-compatible server (`src/storage`), or a real storage-api named by STORAGE_SERVER_DIR.
 */
export const storageService: Service = {
	name: 'storage',
	ports: (ctx) => [ctx.config.ports.storage],
	async start(ctx) {
		const dir = realServerDir();
		if (dir) {
			spawnDetached(ctx, 'storage', process.execPath, [path.join(dir, 'dist/start/server.js')], {
				env: envFor(ctx),
				cwd: dir
			});
		} else {
			spawnNodeService(ctx, 'storage', entry, [], envFor(ctx));
		}
	},
	health: (ctx) => httpOk(`${storageUrl(ctx)}/status`),
	// Storage's tables exist before the app's migrations, which write policies on them.
	prepareDatabase: async (ctx, sql) => {
		const dir = realServerDir();
		if (dir) await runRealMigrations(ctx, dir, sql.options.database);
		else await migrateStorage(sql);
	},
	restartOnReset: true,
	// The buckets of config.toml, created or updated as `supabase start` does once Storage is up.
	ready: (ctx) =>
		seedBuckets(storageUrl(ctx), ctx.keys.serviceRole, ctx.config.storage.buckets, ctx.log),
	stop: (ctx) => stopProcess(processFiles(ctx, 'storage').pidFile),
	endpoints: (ctx) => [
		{
			label: 'Storage URL',
			value: `${apiUrl(ctx.config.ports)}/storage/v1${realServerDir() ? ' (STORAGE_SERVER_DIR)' : ''}`
		}
	]
};
