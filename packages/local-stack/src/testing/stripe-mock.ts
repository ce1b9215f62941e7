import { spawn } from 'node:child_process';
import { stackPaths } from '../config/paths.ts';
import { readPorts } from '../config/ports.ts';
import { freePort, sleep } from '../process/probes.ts';
import { ensureStripeMock } from '../stripe/stripe-mock.ts';

/** stripe-mock answers an authenticated list once it has loaded Stripe's spec. */
const answers = (url: string) =>
	fetch(`${url}/v1/charges`, { headers: { authorization: 'Bearer sk_test_probe' } }).then(
		(response) => response.ok,
		() => false
	);

/**
 * stripe-mock for a test file, to check requests against Stripe's OpenAPI spec: the stack's when
 * it runs, else one of its own on a free port (installed with `go install` when missing).
 */
export async function startStripeMock(): Promise<{ url: string; stop: () => void }> {
	const stackUrl = `http://127.0.0.1:${readPorts(stackPaths().supabase).stripeMock}`;
	if (await answers(stackUrl)) return { url: stackUrl, stop: () => {} };
	const port = await freePort();
	const child = spawn(ensureStripeMock(), ['-http-addr', `127.0.0.1:${port}`], {
		stdio: 'ignore'
	});
	const url = `http://127.0.0.1:${port}`;
	for (let tries = 0; tries < 100 && !(await answers(url)); tries++) await sleep(100);
	return { url, stop: () => void child.kill() };
}
