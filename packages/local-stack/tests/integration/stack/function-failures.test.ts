import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stackPaths } from '../../../src/config/paths.ts';
import { freePort } from '../../../src/process/probes.ts';
import { stackSettings } from '../../../src/settings.ts';

const gatewayEntry = fileURLToPath(new URL('../../../src/gateway/main.ts', import.meta.url));

/**
 * A gateway of its own, over a scratch copy of `supabase/` with broken functions, so failures
 * are provoked without touching the stack's running functions.
 */
let gateway: ChildProcess;
let base: string;
const workdir = mkdtempSync(path.join(tmpdir(), 'functions-'));
const functions = path.join(workdir, 'supabase/functions');
const logFile = path.join(workdir, '.local/logs/functions.log');
const { anonKey, databaseUrl, ports } = await stackSettings();
const { supabase } = stackPaths();

function addFunction(name: string, source: string) {
	mkdirSync(path.join(functions, name), { recursive: true });
	writeFileSync(path.join(functions, name, 'index.ts'), source);
}

beforeAll(async () => {
	const port = await freePort();
	mkdirSync(functions, { recursive: true });
	mkdirSync(path.dirname(logFile), { recursive: true });
	const config = readFileSync(path.join(supabase, 'config.toml'), 'utf8').replace(
		new RegExp(`^port = ${ports.api}$`, 'm'),
		`port = ${port}`
	);
	writeFileSync(path.join(workdir, 'supabase/config.toml'), config);
	cpSync(path.join(supabase, 'functions/health'), path.join(functions, 'health'), {
		recursive: true,
		filter: (source) => !source.includes('node_modules')
	});
	addFunction('syntax-error', 'Deno.serve(() => new Response("never"); // missing parenthesis\n');
	addFunction('throws', 'Deno.serve(() => { throw new Error("boom in handler"); });\n');
	addFunction('exits', 'Deno.serve(() => Deno.exit(3));\n');
	gateway = spawn(process.execPath, [gatewayEntry], {
		env: {
			...process.env,
			STACK_WORKDIR: workdir,
			SUPABASE_DB_URL: databaseUrl,
			SUPABASE_ANON_KEY: anonKey
		},
		stdio: 'ignore'
	});
	base = `http://127.0.0.1:${port}/functions/v1`;
	for (let i = 0; i < 100; i++) {
		if (
			await fetch(`http://127.0.0.1:${port}/__stack/health`).then(
				(r) => r.ok,
				() => false
			)
		)
			return;
		await new Promise((r) => setTimeout(r, 100));
	}
	throw new Error('the scratch gateway did not start');
});

afterAll(() => {
	gateway?.kill();
	rmSync(workdir, { recursive: true, force: true });
});

/** The log is written as the workers print; wait for a line rather than race it. */
async function logShows(pattern: RegExp) {
	for (let i = 0; i < 100; i++) {
		if (pattern.test(readFileSync(logFile, 'utf8'))) return true;
		await new Promise((r) => setTimeout(r, 50));
	}
	return false;
}

const call = (name: string) =>
	fetch(`${base}/${name}`, { headers: { authorization: `Bearer ${anonKey}` } });

describe('a broken function fails fast with a 5xx and its reason in the log', () => {
	it('a syntax error: 503 BOOT_ERROR, the parse error in functions.log', async () => {
		const response = await call('syntax-error');
		expect(response.status).toBe(503);
		expect(await response.json()).toMatchObject({ code: 'BOOT_ERROR' });
		expect(await logShows(/\[syntax-error\] error: SyntaxError/)).toBe(true);
	});

	it('a handler that throws: 500 from the runtime, the error in functions.log', async () => {
		const response = await call('throws');
		expect(response.status).toBe(500);
		expect(await logShows(/\[throws\] Error: boom in handler/)).toBe(true);
	});

	it('a worker that dies mid-request: 502, and the next request gets a fresh worker', async () => {
		const response = await call('exits');
		expect(response.status).toBe(502);
		expect(await response.json()).toMatchObject({ code: 'WORKER_ERROR' });
		expect(await logShows(/\[exits\] worker exited \(code 3\)/)).toBe(true);
		expect((await call('exits')).status).toBe(502);
	});

	it('the healthy function beside them still answers', async () => {
		const response = await call('health');
		expect(response.status).toBe(200);
	});
});
