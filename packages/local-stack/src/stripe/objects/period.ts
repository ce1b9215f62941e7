import type { Interval } from './price.ts';

const DAY = 24 * 3600;

/**
 * `time` plus `count` intervals, in UTC. Months keep the day of the month, or take the last day of
 * a shorter month (a subscription that started on 31 January renews on 28/29 February), as Stripe
 * bills from a billing cycle anchor.
 */
export function addInterval(time: number, interval: Interval, count = 1): number {
	if (interval === 'day') return time + count * DAY;
	if (interval === 'week') return time + count * 7 * DAY;
	const months = interval === 'year' ? 12 * count : count;
	const start = new Date(time * 1000);
	const target = new Date(start);
	target.setUTCDate(1);
	target.setUTCMonth(start.getUTCMonth() + months);
	const lastDay = new Date(
		Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)
	).getUTCDate();
	target.setUTCDate(Math.min(start.getUTCDate(), lastDay));
	return Math.floor(target.getTime() / 1000);
}
