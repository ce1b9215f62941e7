import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseEnv, promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { stackPaths } from '../../../src/config/paths.ts';
import { stackCli, stackSettings } from '../../../src/settings.ts';

const run = promisify(execFile);
const cli = (...args: string[]) => run(process.execPath, [stackCli, ...args]);
const { ports } = await stackSettings();

describe('npm run stack', () => {
	it('reuses what runs: a second `up` starts nothing and prints the keys', async () => {
		const { stdout } = await cli('up');
		expect(stdout).not.toContain('Starting');
		expect(stdout).toContain('Local stack is running.');
		expect(stdout).toContain('publishable key: sb_publishable_ACJWlzQHlZjBrEguHvfOxg_3BJgxAaH');
		expect(stdout).toContain('secret key: sb_secret_N7UND0UgjKTVK-Uodkm0Hg_xSvEMPvz');
		expect(stdout).toMatch(/anon key \(legacy\): eyJ/);
		expect(stdout).toMatch(/service_role key \(legacy\): eyJ/);
	});

	it('writes the CLI’s local API keys to .env under the store’s names, beside the legacy ones', async () => {
		const dotenv = parseEnv(readFileSync(stackPaths().envFile, 'utf8'));
		expect(dotenv).toMatchObject({
			PUBLIC_SUPABASE_PUBLISHABLE_KEY: 'sb_publishable_ACJWlzQHlZjBrEguHvfOxg_3BJgxAaH',
			SUPABASE_SECRET_KEY: 'sb_secret_N7UND0UgjKTVK-Uodkm0Hg_xSvEMPvz',
			PUBLIC_SUPABASE_ANON_KEY: expect.stringMatching(/^eyJ/),
			SUPABASE_SERVICE_ROLE_KEY: expect.stringMatching(/^eyJ/)
		});
	});

	it('reports every service running', async () => {
		const { stdout } = await cli('status');
		for (const name of ['postgres', 'mail', 'auth', 'storage', 'stripe', 'gateway']) {
			expect(stdout).toMatch(new RegExp(`^${name}\\s+running$`, 'm'));
		}
	});

	it('names the service and the port when another program holds it, and what to do', async () => {
		const squatter = net.createServer((socket) => socket.end()).listen(0, '127.0.0.1');
		await new Promise((resolve) => squatter.once('listening', resolve));
		const port = (squatter.address() as net.AddressInfo).port;
		const workdir = mkdtempSync(path.join(tmpdir(), 'stack-port-'));
		try {
			for (const file of ['config.toml', 'signing_keys.json'])
				cpSync(path.join(stackPaths().supabase, file), path.join(workdir, 'supabase', file));
			const config = readFileSync(path.join(workdir, 'supabase/config.toml'), 'utf8');
			writeFileSync(
				path.join(workdir, 'supabase/config.toml'),
				config.replace(new RegExp(`^port = ${ports.db}$`, 'm'), `port = ${port}`)
			);
			const failure = await cli('up', '--workdir', workdir).then(
				() => undefined,
				(error: { code: number; stderr: string }) => error
			);
			expect(failure?.code).toBe(1);
			expect(failure?.stderr).toContain(`postgres: port ${port} is in use by another program`);
			expect(failure?.stderr).toContain('then run `npm run stack` again');
		} finally {
			squatter.close();
			rmSync(workdir, { recursive: true, force: true });
		}
	});
});
