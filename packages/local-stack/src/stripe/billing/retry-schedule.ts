/**
 * When Stripe tries a failed invoice payment again. Stripe's recommended default is Smart Retries
 * with "8 tries within 2 weeks", whose exact times a model picks; the emulator spreads the seven
 * retries after the first attempt evenly over the two weeks (days 2, 4, … 14), so tests can
 * predict them. A custom schedule is a list of days after the first failed attempt.
 */
export const SMART_RETRY_TRIES = 8;
export const SMART_RETRY_WINDOW_DAYS = 14;
const DAY = 24 * 3600;

/** Days after the first attempt on which each retry happens, spread evenly over the window. */
export function smartRetryDays(
	tries = SMART_RETRY_TRIES,
	windowDays = SMART_RETRY_WINDOW_DAYS
): number[] {
	const retries = tries - 1;
	return Array.from({ length: retries }, (_, i) => (windowDays * (i + 1)) / retries);
}

/**
 * When the next attempt happens after `attempts` failed ones (the first at `firstAttemptAt`), or
 * null when the schedule is used up.
 */
export function nextAttemptAt(
	firstAttemptAt: number,
	attempts: number,
	retryDays: number[]
): number | null {
	const days = retryDays[attempts - 1];
	return days === undefined ? null : firstAttemptAt + Math.round(days * DAY);
}

/** A schedule must go forward in time and stay within Stripe's longest policy (two months). */
export function checkRetryDays(days: number[]): string | undefined {
	if (days.length > 10) return 'At most 10 retries can be scheduled.';
	for (let i = 0; i < days.length; i++) {
		if (!(days[i] > 0) || days[i] > 62) return 'Each retry day must be between 0 and 62.';
		if (i > 0 && days[i] <= days[i - 1]) return 'Retry days must increase.';
	}
	return undefined;
}
