import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import schema from '@supabase/config/schema.json' with { type: 'json' };
import { Ajv2020 } from 'ajv/dist/2020.js';
import { parse } from 'smol-toml';
import { describe, expect, it } from 'vitest';
import { cli3, pinnedCli, projectRoot, runCli } from '../../../scripts/supabase-cli.ts';
import { stackEnv } from '../../support/env.ts';

/**
 * supabase/config.toml as the real Supabase CLI reads it, so a key the CLI renames or drops fails
 * here rather than on the next developer's `supabase start`. Our stack reads the same file
 * (packages/local-stack/src/config), which its own tests cover.
 */

const configFile = path.join(projectRoot, 'supabase/config.toml');
const migrations = readdirSync(path.join(projectRoot, 'supabase/migrations')).map(
	(file) => file.split('_')[0]
);
/** Lines where the CLI complains about the file: deprecated or unknown keys, removed sections, errors. */
const complaints =
	/^.*(WARN|deprecated|no longer supported|config\.toml|failed to \w+ config).*$/gim;

describe('the Supabase CLI on supabase/config.toml', () => {
	const cli = cli3();

	// Skipped where the lockfile has no CLI 3 binary for the platform: NO_CLI3 says what to do.
	it.skipIf(!cli)(
		'CLI 3 (the current release) loads it without a complaint, then lists the migrations',
		() => {
			const version = runCli(cli!, ['--version']);
			expect(version.stdout.trim(), version.output).toMatch(/^3\./);
			// Loads and validates the whole file before it connects, here to the local stack's database.
			const run = runCli(cli!, ['migration', 'list', `--remote=${stackEnv().databaseUrl}`]);
			expect(run.status, run.output).toBe(0);
			expect(run.output.match(complaints), run.output).toBeNull();
			for (const version of migrations) {
				// Both columns, local file and applied history.
				expect(run.output, run.output).toMatch(new RegExp(`${version}\`? +\\| +\`?${version}`));
			}
		}
	);

	it('the pinned CLI (`npx supabase`) loads it without a complaint', () => {
		const version = runCli(pinnedCli, ['--version']);
		expect(version.stdout.trim(), version.output).toBe('2.117.0');
		// `status` parses and checks the whole file first; then it needs Docker, which may be absent.
		const run = runCli(pinnedCli, ['status']);
		expect(run.output.match(complaints), run.output).toBeNull();
		expect(run.output, run.output).toMatch(/docker|running|API URL/i);
	});

	it('is valid for the published schema (@supabase/config)', () => {
		const validate = new Ajv2020({ allErrors: true, strict: false }).compile(schema);
		const valid = validate(parse(readFileSync(configFile, 'utf8')));
		expect(validate.errors ?? [], JSON.stringify(validate.errors, null, 1)).toEqual([]);
		expect(valid).toBe(true);
	});
});
