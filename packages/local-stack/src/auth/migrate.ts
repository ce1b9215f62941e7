import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Sql } from 'postgres';

const migrationsDir = fileURLToPath(new URL('./migrations/', import.meta.url));

/**
 * Creates GoTrue's tables, as GoTrue's own `migrate` does at start. Runs as supabase_auth_admin
 * (set here, so a superuser connection works too) so that role owns the tables, as on Supabase.
 * Versions are recorded in auth.stack_migrations, not GoTrue's auth.schema_migrations, so a real
 * GoTrue pointed at a fresh database never mistakes our versions for its own.
 */
export async function migrateAuth(sql: Sql, log: (m: string) => void = () => {}) {
	await sql.begin(async (tx) => {
		await tx`set local role supabase_auth_admin`;
		// One migrator at a time (the stack and a restarted server may race).
		await tx`select pg_advisory_xact_lock(hashtext('stack.auth.migrate'))`;
		await tx`create table if not exists auth.stack_migrations (version text primary key, applied_at timestamptz not null default now())`;
		const applied = new Set(
			(await tx<{ version: string }[]>`select version from auth.stack_migrations`).map(
				(r) => r.version
			)
		);
		for (const name of readdirSync(migrationsDir)
			.filter((n) => n.endsWith('.sql'))
			.sort()) {
			const version = name.split('_')[0];
			if (applied.has(version)) continue;
			await tx.unsafe(readFileSync(migrationsDir + name, 'utf8'));
			await tx`insert into auth.stack_migrations (version) values (${version})`;
			log(`auth: applied migration ${name}`);
		}
	});
}
