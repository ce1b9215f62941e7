import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Sql } from 'postgres';

const bootstrapFile = fileURLToPath(new URL('./bootstrap.sql', import.meta.url));

/** A SQL file that failed, with where and why, as `supabase db reset` reports it. */
export class SqlFileError extends Error {
	readonly file: string;
	constructor(file: string, cause: unknown) {
		const pg = cause as { message?: string; position?: string; detail?: string; hint?: string };
		const where = pg.position ? ` (at character ${pg.position})` : '';
		const extra = [pg.detail, pg.hint].filter(Boolean).join('\n');
		super(`${file}: ${pg.message ?? String(cause)}${where}${extra ? `\n${extra}` : ''}`, { cause });
		this.file = file;
	}
}

/** Migration files in the CLI's naming, `<14-digit timestamp>_<name>.sql`, oldest first. */
export function migrationFiles(supabaseDir: string) {
	const dir = path.join(supabaseDir, 'migrations');
	if (!existsSync(dir)) return [];
	return readdirSync(dir)
		.filter((name) => /^\d+_.*\.sql$/.test(name))
		.sort()
		.map((name) => ({
			version: name.split('_')[0],
			name: name.slice(name.indexOf('_') + 1, -'.sql'.length),
			file: path.join(dir, name)
		}));
}

async function runFile(sql: Pick<Sql, 'unsafe'>, file: string, label = file) {
	try {
		await sql.unsafe(readFileSync(file, 'utf8')).simple();
	} catch (error) {
		throw new SqlFileError(label, error);
	}
}

export const bootstrap = (sql: Sql) =>
	runFile(sql, bootstrapFile, path.relative(process.cwd(), bootstrapFile));

/**
 * Applies every migration not yet recorded, each in its own transaction, and records it. Returns
 * the versions applied. A failing file rolls back alone and stops the run with its error.
 */
export async function applyMigrations(sql: Sql, supabaseDir: string, log: (m: string) => void) {
	const applied = new Set(
		(
			await sql<{ version: string }[]>`select version from supabase_migrations.schema_migrations`
		).map((row) => row.version)
	);
	const done: string[] = [];
	for (const migration of migrationFiles(supabaseDir)) {
		if (applied.has(migration.version)) continue;
		log(`Applying migration ${path.basename(migration.file)}...`);
		const text = readFileSync(migration.file, 'utf8');
		try {
			await sql.begin(async (tx) => {
				await tx.unsafe(text).simple();
				await tx`insert into supabase_migrations.schema_migrations (version, name, statements)
					values (${migration.version}, ${migration.name}, ${[text]})`;
			});
		} catch (error) {
			throw new SqlFileError(path.relative(path.dirname(supabaseDir), migration.file), error);
		}
		done.push(migration.version);
	}
	return done;
}

export async function applySeed(
	sql: Sql,
	seedPaths: string[],
	root: string,
	log: (m: string) => void
) {
	for (const file of seedPaths.filter((f) => existsSync(f))) {
		log(`Seeding data from ${path.relative(root, file)}...`);
		await sql.begin((tx) => runFile(tx, file, path.relative(root, file)));
	}
}
