import { requireAdmin } from '$lib/server/admin';
import { lastReconcileRun, salesSummary } from '$lib/server/studio/sales';
import { dayRange, daysOf } from '$lib/studio/range';
import type { PageServerLoad } from './$types';

export const load = (async (event) => {
	const user = await requireAdmin(event);
	const range = dayRange(event.url.searchParams);
	const [summary, reconciled] = await Promise.all([
		salesSummary(user, { from: range.start, to: range.end }),
		lastReconcileRun(user)
	]);
	// One series per currency, every day of the range present (a day without sales is a zero).
	const currencies = [...new Set(summary.days.map((d) => d.currency))].sort();
	const series = currencies.map((currency) => {
		const byDay = new Map(
			summary.days.filter((d) => d.currency === currency).map((d) => [d.day, d])
		);
		const days = daysOf(range).map((day) => ({
			day,
			revenue: byDay.get(day)?.revenue ?? 0,
			units: byDay.get(day)?.units ?? 0
		}));
		return { currency, days };
	});
	return {
		range: { from: range.from, to: range.to },
		series,
		products: summary.products,
		losses: summary.losses,
		newest: summary.newest,
		reconciled: reconciled ?? null
	};
}) satisfies PageServerLoad;
