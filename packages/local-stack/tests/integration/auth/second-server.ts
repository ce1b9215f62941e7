import { spawn } from 'node:child_process';
import { createContext } from '../../../src/config/context.ts';
import { freePort, httpOk, sleep } from '../../../src/process/probes.ts';
import { authServerCommand } from '../../../src/services/auth.ts';

/**
 * A second auth server beside the stack's, on a port of its own, sharing the stack's database:
 * the same kind the stack runs (ours, or the GOTRUE_BIN binary) with a few GOTRUE_* settings
 * changed, so a test can point, say, the Send Email Hook at a receiver of its own.
 */
export async function startSecondAuthServer(overrides: Record<string, string>) {
	const ctx = await createContext(undefined, () => {});
	const port = await freePort();
	const { command, args, env, cwd } = authServerCommand(ctx, port, overrides);
	let output = '';
	const child = spawn(command, args, {
		cwd,
		env: { ...process.env, ...ctx.env, ...env },
		stdio: ['ignore', 'pipe', 'pipe']
	});
	child.stdout.on('data', (c) => (output += c));
	child.stderr.on('data', (c) => (output += c));
	const url = `http://127.0.0.1:${port}`;
	for (let i = 0; i < 200 && !(await httpOk(`${url}/health`)); i++) {
		if (child.exitCode !== null) throw new Error(`the auth server exited:\n${output}`);
		await sleep(50);
	}
	return {
		url,
		stop: () =>
			new Promise<void>((resolve) => {
				if (child.exitCode !== null) return resolve();
				child.once('exit', () => resolve());
				child.kill('SIGTERM');
			})
	};
}
