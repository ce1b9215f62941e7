import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
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
		expect(stdout).toMatch(/anon key: eyJ/);
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
			cpSync(
				path.join(stackPaths().supabase, 'config.toml'),
				path.join(workdir, 'supabase/config.toml')
			);
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
