// Load generation for `npm run bench`: autocannon with fixed connections and duration after a
// warm-up, and the bare node:http baseline a page is compared with.
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import autocannon from 'autocannon';
import { portOpen } from '@storefront/local-stack';

export const CONNECTIONS = 50;
const WARMUP_SECONDS = 1;
const SECONDS = 4;

export interface Load {
	/** Requests per second (2xx and 3xx only: an error answered fast is no throughput). */
	rps: number;
	/** Latency percentiles, milliseconds. */
	p50: number;
	p95: number;
}

type Options = Omit<autocannon.Options, 'url'>;

/**
 * One autocannon run, with every answer's latency (its histogram gives p90 and p97.5, no p95) and
 * the seconds from the start to the last answer.
 */
function run(url: string, options: Options) {
	const latencies: number[] = [];
	const started = performance.now();
	let last = started;
	return new Promise<{ result: autocannon.Result; latencies: number[]; seconds: number }>(
		(resolve, reject) => {
			const instance = autocannon({ url, connections: CONNECTIONS, ...options }, (error, result) =>
				error ? reject(error) : resolve({ result, latencies, seconds: (last - started) / 1000 })
			);
			// The instance emits (client, status, bytes, milliseconds); its type omits the client.
			(instance as unknown as NodeJS.EventEmitter).on(
				'response',
				(_client: unknown, _status: number, _bytes: number, ms: number) => {
					latencies.push(ms);
					last = performance.now();
				}
			);
		}
	);
}

export function percentile(xs: number[], p: number) {
	const sorted = [...xs].sort((a, b) => a - b);
	return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/**
 * Throughput of `url` after a warm-up (none for a fixed `amount`); fails when an answer is not
 * 2xx or 3xx, or, with `refusals`, not 4xx (a request meant to be refused).
 */
export async function measure(url: string, options: Options = {}, refusals = false): Promise<Load> {
	if (options.amount === undefined) await run(url, { ...options, duration: WARMUP_SECONDS });
	const { result, latencies, seconds } = await run(url, { duration: SECONDS, ...options });
	const good = refusals ? result['4xx'] : result['2xx'] + result['3xx'];
	const answered = latencies.length;
	if (good < answered || result.errors > 0 || good === 0) {
		throw new Error(
			`${url}: ${good} of ${answered} answers as meant, ${result.errors} connection errors`
		);
	}
	// A fixed amount ends at autocannon's next sample tick (every second), so its own duration is
	// rounded up to whole seconds (600 answers in 2.1 s read as 199/s): time it to the last answer.
	const duration = options.amount === undefined ? result.duration : seconds;
	return {
		rps: good / duration,
		p50: percentile(latencies, 50),
		p95: percentile(latencies, 95)
	};
}

/** The median of each figure over rounds. */
export function medianLoad(rounds: Load[]): Load {
	const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
	return {
		rps: median(rounds.map((r) => r.rps)),
		p50: median(rounds.map((r) => r.p50)),
		p95: median(rounds.map((r) => r.p95))
	};
}

/**
 * A bare node:http server (its own process, like the store) answering every request with `body`
 * and `headers`: the fastest a Node server can send a page's bytes, the floor of the ratios.
 */
export async function bareServer(port: number, body: Buffer, headers: Record<string, string>) {
	mkdirSync('.bench', { recursive: true });
	const file = `.bench/bare-${port}.json`;
	writeFileSync(file, JSON.stringify({ body: body.toString('base64'), headers }));
	const child = spawn(process.execPath, ['scripts/bench/bare-server.ts', String(port), file], {
		stdio: 'inherit'
	});
	while (!(await portOpen(port))) await new Promise((r) => setTimeout(r, 50));
	return {
		url: `http://127.0.0.1:${port}`,
		stop: () =>
			new Promise<void>((resolve) => {
				child.once('exit', () => resolve());
				child.kill();
			})
	};
}
