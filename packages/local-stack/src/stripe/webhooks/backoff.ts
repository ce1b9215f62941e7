/**
 * Stripe retries a failed delivery for up to three days with exponential backoff. It publishes no
 * exact schedule, so ours is the common reading: one minute, doubling, at most six hours apart,
 * until three days have passed. `factor` shrinks it for local work (0.001 turns a minute into 60 ms).
 */
export const RETRY_WINDOW_SECONDS = 3 * 24 * 3600;
const FIRST_RETRY_SECONDS = 60;
const LONGEST_GAP_SECONDS = 6 * 3600;

/** Seconds (unscaled) to wait before retry number `retry` (1 = the first retry). */
export function retryGapSeconds(retry: number): number {
	return Math.min(FIRST_RETRY_SECONDS * 2 ** (retry - 1), LONGEST_GAP_SECONDS);
}

/** The whole schedule in milliseconds after scaling: gaps before each retry, within the window. */
export function retrySchedule(factor: number): number[] {
	const gaps: number[] = [];
	let elapsed = 0;
	for (let retry = 1; ; retry++) {
		const gap = retryGapSeconds(retry);
		if (elapsed + gap > RETRY_WINDOW_SECONDS) return gaps;
		elapsed += gap;
		gaps.push(gap * 1000 * factor);
	}
}
