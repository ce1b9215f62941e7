import postgres from 'postgres';
import { databaseUrl, type StackContext } from '../config/context.ts';
import { applyMigrations, applySeed, bootstrap } from './migrate.ts';

/** A service that keeps tables of its own in the database (auth), created before the app's migrations. */
export interface SchemaOwner {
	prepareDatabase?: (ctx: StackContext, sql: postgres.Sql) => Promise<void>;
}

export const connect = (
	ctx: StackContext,
	options: postgres.Options<Record<string, never>> = {},
	database = 'postgres'
) => postgres(databaseUrl(ctx.config.ports, database), { onnotice: () => {}, max: 1, ...options });

/** Supabase's bootstrap, the schemas the stack's services own, then the app's pending migrations. */
export async function migrateAll(
	ctx: StackContext,
	sql: postgres.Sql,
	schemaOwners: readonly SchemaOwner[]
) {
	await bootstrap(sql);
	for (const owner of schemaOwners) await owner.prepareDatabase?.(ctx, sql);
	await applyMigrations(sql, ctx.paths.supabase, ctx.log);
}

/**
 * Drops and recreates a database, then bootstraps it, applies every migration and the seed:
 * what `supabase db reset` does. Used for `postgres` on reset and for scratch databases in tests.
 */
export async function rebuildDatabase(
	ctx: StackContext,
	database: string,
	schemaOwners: readonly SchemaOwner[]
) {
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
		await migrateAll(ctx, sql, schemaOwners);
		if (ctx.config.seedEnabled)
			await applySeed(sql, ctx.config.seedPaths, ctx.paths.workdir, ctx.log);
	} finally {
		await sql.end();
	}
}
