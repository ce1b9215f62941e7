import {
	mkdirSync,
	mkdtempSync,
	readdirSync,
	readFileSync,
	symlinkSync,
	writeFileSync
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse, stringify } from 'smol-toml';
import { stackPaths } from '../config/paths.ts';

/**
 * A project like this one, but as a project made before asymmetric keys: the same `supabase/`
 * (linked, not copied: functions, migrations, seed, templates) under a config.toml without
 * `[auth] signing_keys_path`, so its stack signs with the legacy JWT secret alone (HS256).
 * `npm test` runs the auth contract suite against it too (`--workdir`/STACK_WORKDIR). Returns the
 * new project folder, in the system's temporary folder; the caller removes it.
 */
export function legacyKeysProject(from = stackPaths()): string {
	const workdir = mkdtempSync(path.join(tmpdir(), 'stack-hs256-'));
	const supabase = path.join(workdir, 'supabase');
	mkdirSync(supabase);
	const config = parse(readFileSync(path.join(from.supabase, 'config.toml'), 'utf8'));
	const auth = (config.auth ?? {}) as Record<string, unknown>;
	const keyFile =
		typeof auth.signing_keys_path === 'string' ? path.basename(auth.signing_keys_path) : '';
	delete auth.signing_keys_path;
	writeFileSync(path.join(supabase, 'config.toml'), stringify(config));
	for (const entry of readdirSync(from.supabase)) {
		if (entry === 'config.toml' || entry === keyFile || entry.startsWith('.')) continue;
		symlinkSync(path.join(from.supabase, entry), path.join(supabase, entry));
	}
	return workdir;
}
