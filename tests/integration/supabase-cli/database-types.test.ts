import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { databaseTypes, typesFile } from '../../../scripts/db-types.ts';
import { cli3 } from '../../../scripts/supabase-cli.ts';
import { adminSql } from '../../support/db.ts';
import { stackEnv } from '../../support/env.ts';

describe('the generated database types', () => {
	// Skipped where the lockfile has no CLI 3 binary for the platform (see scripts/supabase-cli.ts).
	it.skipIf(!cli3())('are what the Supabase CLI generates from the migrated schema', async () => {
		const generated = await databaseTypes(stackEnv().databaseUrl);
		expect(
			readFileSync(typesFile, 'utf8'),
			'supabase/functions/_shared/database.types.ts does not match the migrations: run `npm run db:types` (with the stack up) and commit the file'
		).toBe(generated);
	});
});

describe('the naming rule _shared/rows.ts reads timestamps by', () => {
	const sql = adminSql();
	afterAll(() => sql.end());

	it('names every timestamp column and function result of the schema, and nothing else', async () => {
		const columns = await sql<{ name: string; type: string; owner: string }[]>`
			select table_name as owner, column_name as name, data_type as type
			from information_schema.columns where table_schema = 'public'
			union all
			select r.routine_name, p.parameter_name, p.data_type
			from information_schema.parameters p
			join information_schema.routines r on r.specific_name = p.specific_name
			where p.specific_schema = 'public' and p.parameter_mode in ('OUT', 'INOUT')`;
		// The rule of rows.ts's `Timestamp` type: postgres.js reads these as Date objects.
		const named = (name: string) => /_at$/.test(name) || name === 'since' || name === 'send_after';
		const broken = columns.filter((c) => /^(timestamp|date)/.test(c.type) !== named(c.name));
		expect(broken, 'rename these columns, or extend the rule in rows.ts and here').toEqual([]);
		expect(columns.filter((c) => named(c.name)).length).toBeGreaterThan(0);
	});
});
