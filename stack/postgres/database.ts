import postgres from 'postgres';
import type { StackContext } from '../lib/service.ts';
import { applyMigrations, applySeed, bootstrap } from './migrate.ts';

export const databaseUrl = (ctx: StackContext, database = 'postgres') =>
	`postgresql://postgres:postgres@127.0.0.1:${ctx.config.dbPort}/${database}`;

export const connect = (
	ctx: StackContext,
	options: postgres.Options<Record<string, never>> = {},
	database = 'postgres'
) => postgres(databaseUrl(ctx, database), { onnotice: () => {}, max: 1, ...options });

/** Supabase's bootstrap, the schemas the stack's services own, then the app's pending migrations. */
export async function migrateAll(ctx: StackContext, sql: postgres.Sql) {
	await bootstrap(sql);
	// Imported here: the service list imports this module too.
	const { services } = await import('../services/index.ts');
	for (const service of services) await service.prepareDatabase?.(ctx, sql);
	await applyMigrations(sql, ctx.paths.supabase, ctx.log);
}

/**
 * Drops and recreates a database, then bootstraps it, applies every migration and the seed:
 * what `supabase db reset` does. Used for `postgres` on reset and for scratch databases in tests.
 */
export async function rebuildDatabase(ctx: StackContext, database: string) {
	const admin = connect(ctx, {}, 'template1');
	try {
		await admin`select pg_terminate_backend(pid) from pg_stat_activity
			where datname = ${database} and pid <> pg_backend_pid()`;
		await admin.unsafe(`drop database if exists "${database}"`);
		await admin.unsafe(`create database "${database}"`);
	} finally {
		await admin.end();
	}
	const sql = connect(ctx, {}, database);
	try {
		await migrateAll(ctx, sql);
		if (ctx.config.seedEnabled)
			await applySeed(sql, ctx.config.seedPaths, ctx.paths.workdir, ctx.log);
	} finally {
		await sql.end();
	}
}
