// The Supabase CLIs the lockfile brings, for the scripts and tests that run them on this project.
//
// `npx supabase` is supabase@2.117.0: the newest release whose eight per-platform binary packages
// (@supabase/cli-<platform>) are all in the npm registry; for 3.x the registry has the linux-x64
// one only, and `npm ci` refuses a lockfile that lacks the others. CLI 3 itself, the current
// release, comes as that one binary: the optional dependency `supabase-cli-3`
// (@supabase/cli-linux-x64@3.1.0), skipped by npm on other platforms. SUPABASE_CLI_BINARY_OVERRIDE,
// the variable both npm shims read, names another CLI 3 binary instead.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export const projectRoot = path.resolve(import.meta.dirname, '..');

/** `npx supabase`: the pinned npm package's shim, which runs its platform's binary. */
export const pinnedCli = [
	process.execPath,
	path.join(projectRoot, 'node_modules/supabase/dist/supabase.js')
];

/** CLI 3's binary, or undefined where the lockfile has none for this platform and none is named. */
export function cli3(): string[] | undefined {
	const binary =
		process.env.SUPABASE_CLI_BINARY_OVERRIDE ||
		path.join(projectRoot, 'node_modules/supabase-cli-3/bin/supabase');
	return existsSync(binary) ? [binary] : undefined;
}

export const NO_CLI3 =
	'CLI 3 is in the lockfile for linux-x64 (glibc) only: set SUPABASE_CLI_BINARY_OVERRIDE to a CLI 3 binary';

export interface CliRun {
	status: number | null;
	stdout: string;
	/** stdout and stderr, for messages. */
	output: string;
}

/**
 * Runs a CLI on this project as a developer would, minus what would leave the machine or touch
 * theirs: no telemetry, and a scratch HOME (no profile, no login, no update check's state).
 */
export function runCli(cli: string[], args: string[]): CliRun {
	const [command, ...prefix] = cli;
	const home = mkdtempSync(path.join(tmpdir(), 'supabase-cli-home-'));
	const result = spawnSync(command, [...prefix, ...args, '--workdir', projectRoot], {
		cwd: projectRoot,
		encoding: 'utf8',
		timeout: 120_000,
		env: { ...process.env, HOME: home, SUPABASE_TELEMETRY_DISABLED: '1', DO_NOT_TRACK: '1' }
	});
	rmSync(home, { recursive: true, force: true });
	const output = `$ supabase ${args.join(' ')}\n${result.stdout}${result.stderr}${result.error ?? ''}`;
	return { status: result.status, stdout: result.stdout, output };
}
