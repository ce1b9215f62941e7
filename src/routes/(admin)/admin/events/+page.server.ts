import { z } from 'zod';
import { requireAdmin } from '$lib/server/admin';
import { auditLog, loggedTypes, OUTCOMES } from '$lib/server/studio/audit-log';
import { studioOrder } from '$lib/server/studio/sales';
import { inYearRange } from '$lib/studio/range';
import type { PageServerLoad } from './$types';

const day = z
	.string()
	.regex(/^\d{4}-\d{2}-\d{2}$/)
	.pipe(z.coerce.date())
	.refine(inYearRange);
const query = z.object({
	type: z
		.string()
		.regex(/^[a-z_.]{1,100}$/)
		.optional()
		.catch(undefined),
	outcome: z.enum(OUTCOMES).optional().catch(undefined),
	from: day.optional().catch(undefined),
	to: day.optional().catch(undefined),
	order: z.uuid().optional().catch(undefined),
	before: z.string().max(300).optional().catch(undefined)
});

/** `before` is `<received_at ISO>|<event id>` of the last row of the previous page. */
function cursor(value: string | undefined) {
	const [at, id] = (value ?? '').split('|');
	const receivedAt = new Date(at);
	return id && !Number.isNaN(receivedAt.getTime()) ? { receivedAt, id } : undefined;
}

export const load = (async (event) => {
	const user = await requireAdmin(event);
	const q = query.parse(Object.fromEntries(event.url.searchParams));
	const order = q.order ? await studioOrder(user, q.order) : undefined;
	const [entries, types] = await Promise.all([
		auditLog(user, {
			type: q.type,
			outcome: q.outcome,
			from: q.from,
			to: q.to && new Date(q.to.getTime() + 86_400_000),
			order: order && { sessionId: order.sessionId, paymentIntentId: order.paymentIntentId },
			before: cursor(q.before)
		}),
		loggedTypes(user)
	]);
	const last = entries.at(-1);
	const next = new URLSearchParams(event.url.searchParams);
	if (last) next.set('before', `${last.receivedAt.toISOString()}|${last.id}`);
	return {
		entries,
		types,
		outcomes: OUTCOMES,
		filter: {
			type: q.type ?? '',
			outcome: q.outcome ?? '',
			from: event.url.searchParams.get('from') ?? '',
			to: event.url.searchParams.get('to') ?? ''
		},
		order: order ? { id: order.id, title: order.title, email: order.email } : null,
		older: entries.length === 50 ? `?${next}` : null
	};
}) satisfies PageServerLoad;
