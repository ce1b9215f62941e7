import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stackSettings } from '../../../src/settings.ts';
import { startScratchGateway } from './scratch-gateway.ts';

/** Failures provoked in a gateway of its own, so the stack's running functions stay untouched. */
const { anonKey } = await stackSettings();
let gateway: Awaited<ReturnType<typeof startScratchGateway>>;
let base: string;
let logFile: string;

beforeAll(async () => {
	gateway = await startScratchGateway({
		'syntax-error': 'Deno.serve(() => new Response("never"); // missing parenthesis\n',
		throws: 'Deno.serve(() => { throw new Error("boom in handler"); });\n',
		exits: 'Deno.serve(() => Deno.exit(3));\n'
	});
	base = gateway.functions;
	logFile = gateway.logFile;
});

afterAll(() => gateway?.stop());

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
