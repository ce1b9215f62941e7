import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { startApp } from '../../support/app-process.ts';

// A new build written where a running store serves from removes the files it listed at startup.
// The store must answer those 404 and keep serving (adapter-node's own entry exited on the
// precompressed file's ENOENT). A copy of the build, inside the project so it finds node_modules.
let build: string;
let app: Awaited<ReturnType<typeof startApp>>;

beforeAll(async () => {
	mkdirSync('tests/.results', { recursive: true });
	build = mkdtempSync(path.join('tests/.results', 'build-'));
	cpSync('build', build, { recursive: true });
	app = await startApp(4191, {}, build);
});

afterAll(async () => {
	await app?.stop();
	rmSync(build, { recursive: true, force: true });
});

test('an asset removed under the running store is a 404 (never cached), and the store keeps serving', async () => {
	const entry = readdirSync(`${build}/client/_app/immutable/entry`).find((f) => f.endsWith('.js'))!;
	const url = `${app.origin}/_app/immutable/entry/${entry}`;
	const headers = { 'accept-encoding': 'br, gzip' };
	const before = await fetch(url, { headers });
	expect(before.status).toBe(200);
	await before.arrayBuffer();

	for (const suffix of ['', '.br', '.gz']) {
		rmSync(`${build}/client/_app/immutable/entry/${entry}${suffix}`, { force: true });
	}
	const after = await fetch(url, { headers });
	expect(after.status).toBe(404);
	expect(after.headers.get('cache-control')).toBe('no-store');
	expect(await after.text()).toBe('Not found');

	// The whole folder replaced, as a new build does: still answers, pages too.
	rmSync(`${build}/client/_app`, { recursive: true });
	expect((await fetch(url, { headers: { 'accept-encoding': 'identity' } })).status).toBe(404);
	expect((await fetch(`${app.origin}/`)).status).toBe(200);
});
