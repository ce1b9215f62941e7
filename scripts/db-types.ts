// `npm run db:types`: regenerates supabase/functions/_shared/database.types.ts, the TypeScript
// types of the database's public schema, with the Supabase CLI itself (`supabase gen types`) from
// DATABASE_URL (in .env: the local stack's database, migrated). The store's server and the Edge
// Functions build their query row types on it (`_shared/rows.ts`); a test fails when it falls
// behind the migrations.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { format, resolveConfig } from 'prettier';
import { cli3, NO_CLI3, projectRoot, runCli } from './supabase-cli.ts';

export const typesFile = path.join(projectRoot, 'supabase/functions/_shared/database.types.ts');

/** The types of the public schema of `databaseUrl` as CLI 3 prints them, in the project's format. */
export async function databaseTypes(databaseUrl: string): Promise<string> {
	const cli = cli3();
	if (!cli) throw new Error(NO_CLI3);
	const run = runCli(cli, [
		'gen',
		'types',
		'typescript',
		`--remote=${databaseUrl}`,
		'--schema',
		'public'
	]);
	if (run.status !== 0) throw new Error(`supabase gen types failed:\n${run.output}`);
	// The CLI prints unformatted TypeScript (and says so): Prettier gives it the repository's style.
	return format(run.stdout, { ...(await resolveConfig(typesFile)), filepath: typesFile });
}

if (import.meta.main) {
	const url = process.env.DATABASE_URL;
	if (!url) throw new Error('set DATABASE_URL (`npm run stack` writes it to .env)');
	writeFileSync(typesFile, await databaseTypes(url));
	console.log(`wrote ${path.relative(process.cwd(), typesFile)}`);
}
