import type { Parameters } from 'fast-check';

/**
 * What every property-based test shares: a fixed seed, so a failure found on one machine replays
 * on any other, and a number of runs small enough for every `npm test` that `FUZZ_RUNS` raises
 * for a long hunt (`FUZZ_RUNS=100000 npx vitest run …`). A property that is costly per run (an
 * HTTP request) passes a fraction; FUZZ_RUNS scales it too.
 */
export const FUZZ_SEED = 20261130;

const configured = Number(process.env.FUZZ_RUNS);
export const FUZZ_RUNS = Number.isInteger(configured) && configured > 0 ? configured : 500;

export function fuzzParameters<T>(share = 1): Parameters<T> {
	return { seed: FUZZ_SEED, numRuns: Math.max(1, Math.round(FUZZ_RUNS * share)) };
}
