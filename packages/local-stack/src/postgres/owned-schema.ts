import { readdirSync, readFileSync } from 'node:fs';
import type { Sql } from 'postgres';

export interface OwnedSchema {
	/** The schema the service owns (`auth`, `storage`); its migrations are recorded there. */
	schema: string;
	/** The role that owns what the migrations create, as in Supabase's image. */
	owner: string;
	/** Folder of `<version>_<name>.sql` files, applied in order. */
	migrationsDir: string;
}

/**
 * Creates a service's tables with its own migrations, as GoTrue's `migrate` and storage-api's start
 * do. Runs as the owner role (set here, so a superuser connection works too). Versions are
 * recorded in `<schema>.stack_migrations`, never in the real service's own bookkeeping table, so
 * a real server pointed at a fresh database never mistakes our versions for its own.
 */
export async function migrateOwnedSchema(
	sql: Sql,
	{ schema, owner, migrationsDir }: OwnedSchema,
	log: (m: string) => void = () => {}
) {
	await sql.begin(async (tx) => {
		await tx`select set_config('role', ${owner}, true)`;
		// One migrator at a time (the stack and a restarted server may race).
		await tx`select pg_advisory_xact_lock(hashtext(${`stack.${schema}.migrate`}))`;
		await tx`create table if not exists ${tx(schema)}.stack_migrations (version text primary key, applied_at timestamptz not null default now())`;
		const applied = new Set(
			(await tx<{ version: string }[]>`select version from ${tx(schema)}.stack_migrations`).map(
				(r) => r.version
			)
		);
		const dir = migrationsDir.endsWith('/') ? migrationsDir : `${migrationsDir}/`;
		for (const name of readdirSync(dir)
			.filter((n) => n.endsWith('.sql'))
			.sort()) {
			const version = name.split('_')[0];
			if (applied.has(version)) continue;
			await tx.unsafe(readFileSync(dir + name, 'utf8'));
			await tx`insert into ${tx(schema)}.stack_migrations (version) values (${version})`;
			log(`${schema}: applied migration ${name}`);
		}
	});
}
