/**
 * The date range of the sales pages, from `?from=YYYY-MM-DD&to=YYYY-MM-DD` (UTC days, both
 * included): the last 30 days unless asked otherwise, at most a year, never reversed.
 */
export interface DayRange {
	from: string;
	to: string;
	/** The instant the range starts and the one after its last day (exclusive). */
	start: Date;
	end: Date;
}

const DAY = 86_400_000;
export const MAX_DAYS = 366;

const isoDay = (date: Date) => date.toISOString().slice(0, 10);

/**
 * A year whose range ends (a year before, a day after) still print as four-digit years: past
 * 9999 or before year 0 an ISO string gets six digits and a sign, which Postgres cannot read.
 */
export const inYearRange = (date: Date) =>
	date.getUTCFullYear() >= 1000 && date.getUTCFullYear() <= 9998;

function parseDay(value: string | null): Date | undefined {
	if (!value || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return undefined;
	const date = new Date(`${value}T00:00:00Z`);
	return Number.isNaN(date.getTime()) || isoDay(date) !== value || !inYearRange(date)
		? undefined
		: date;
}

export function dayRange(query: URLSearchParams, now = new Date()): DayRange {
	const today = parseDay(isoDay(now))!;
	let to = parseDay(query.get('to')) ?? today;
	let from = parseDay(query.get('from')) ?? new Date(to.getTime() - 29 * DAY);
	if (from > to) [from, to] = [to, from];
	if ((to.getTime() - from.getTime()) / DAY >= MAX_DAYS) {
		from = new Date(to.getTime() - (MAX_DAYS - 1) * DAY);
	}
	return { from: isoDay(from), to: isoDay(to), start: from, end: new Date(to.getTime() + DAY) };
}

/** Every day of a range, as `YYYY-MM-DD`. */
export function daysOf(range: DayRange): string[] {
	const days: string[] = [];
	for (let t = range.start.getTime(); t < range.end.getTime(); t += DAY) {
		days.push(isoDay(new Date(t)));
	}
	return days;
}
