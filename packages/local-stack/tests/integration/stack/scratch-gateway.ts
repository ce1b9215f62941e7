import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { stackPaths } from '../../../src/config/paths.ts';
import { freePort } from '../../../src/process/probes.ts';
import { stackSettings } from '../../../src/settings.ts';

const gatewayEntry = fileURLToPath(new URL('../../../src/gateway/main.ts', import.meta.url));

/**
 * A gateway of its own, over a scratch copy of `supabase/` (its config on another API port, the
 * `health` function, the functions a test adds, `extraConfig` appended to config.toml), so
 * functions can be broken or made to tell what they receive without touching the stack's.
 */
export async function startScratchGateway(functions: Record<string, string>, extraConfig = '') {
	const { databaseUrl, ports, config: stackConfig } = await stackSettings();
	const { supabase } = stackPaths();
	const workdir = mkdtempSync(path.join(tmpdir(), 'functions-'));
	const functionsDir = path.join(workdir, 'supabase/functions');
	const logFile = path.join(workdir, '.local/logs/functions.log');
	const port = await freePort();
	mkdirSync(functionsDir, { recursive: true });
	mkdirSync(path.dirname(logFile), { recursive: true });
	const config = readFileSync(path.join(supabase, 'config.toml'), 'utf8').replace(
		new RegExp(`^port = ${ports.api}$`, 'm'),
		`port = ${port}`
	);
	writeFileSync(path.join(workdir, 'supabase/config.toml'), `${config}\n${extraConfig}`);
	const keys = stackConfig.auth.signingKeysPath;
	if (keys) cpSync(keys, path.join(workdir, 'supabase', path.relative(supabase, keys)));
	cpSync(path.join(supabase, 'functions/health'), path.join(functionsDir, 'health'), {
		recursive: true,
		filter: (source) => !source.includes('node_modules')
	});
	for (const [name, source] of Object.entries(functions)) {
		mkdirSync(path.join(functionsDir, name), { recursive: true });
		writeFileSync(path.join(functionsDir, name, 'index.ts'), source);
	}
	const gateway: ChildProcess = spawn(process.execPath, [gatewayEntry], {
		env: { ...process.env, STACK_WORKDIR: workdir, SUPABASE_DB_URL: databaseUrl },
		stdio: 'ignore'
	});
	const origin = `http://127.0.0.1:${port}`;
	for (let i = 0; i < 100; i++) {
		if (
			await fetch(`${origin}/__stack/health`).then(
				(r) => r.ok,
				() => false
			)
		)
			break;
		if (i === 99) throw new Error('the scratch gateway did not start');
		await new Promise((r) => setTimeout(r, 100));
	}
	return {
		origin,
		functions: `${origin}/functions/v1`,
		logFile,
		stop() {
			gateway.kill();
			rmSync(workdir, { recursive: true, force: true });
		}
	};
}
