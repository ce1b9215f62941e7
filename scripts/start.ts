// `npm start`: the local stack, then the store's production build on http://127.0.0.1:3000.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { stackCli } from '@storefront/local-stack';

const node = process.execPath;
const run = (args: string[]) => execFileSync(node, args, { stdio: 'inherit' });

/** Newest modification time under the given paths, to rebuild only when sources changed. */
function newest(paths: string[]): number {
	return Math.max(
		...paths.filter(existsSync).map((p) => {
			const stat = statSync(p);
			if (!stat.isDirectory()) return stat.mtimeMs;
			return newest(readdirSync(p).map((name) => path.join(p, name)));
		})
	);
}

run([stackCli, 'up']);

const sources = ['src', 'static', 'svelte.config.js', 'vite.config.ts', 'package-lock.json'];
if (!existsSync('build/index.js') || newest(sources) > statSync('build/index.js').mtimeMs) {
	console.log('\nBuilding the store...');
	run(['node_modules/vite/bin/vite.js', 'build', '--logLevel', 'warn']);
}

const port = process.env.PORT ?? '3000';
const host = process.env.HOST ?? '127.0.0.1';
const origin = process.env.ORIGIN ?? `http://${host}:${port}`;
const app = spawn(node, ['--env-file-if-exists=.env', 'server/index.ts'], {
	stdio: ['inherit', 'pipe', 'inherit'],
	env: { ...process.env, PORT: port, HOST: host, ORIGIN: origin }
});
app.stdout.on('data', (chunk: Buffer) => {
	const text = chunk.toString();
	// adapter-node announces itself; say where to look, once it listens.
	if (/Listening on/.test(text))
		console.log(`\nThe store is running at ${origin}  (Ctrl+C stops it)`);
	else process.stdout.write(text);
});
app.on('exit', (code) => process.exit(code ?? 0));
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => app.kill(signal));
