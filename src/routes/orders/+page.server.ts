import { redirect } from '@sveltejs/kit';
import { buyerOrders } from '$lib/server/orders';
import { sessionScoped } from '$lib/server/ownership';
import type { PageServerLoad } from './$types';

export const load = (async ({ locals }) => {
	const user = await locals.user();
	if (!user) redirect(303, '/login?next=/orders');
	const [orders, scoped] = await Promise.all([buyerOrders(user), sessionScoped(user)]);
	return { orders, scoped, description: 'What you bought, what it cost, and your receipts.' };
}) satisfies PageServerLoad;
