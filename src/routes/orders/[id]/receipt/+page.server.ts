import { error, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { receiptUrl } from '$lib/server/orders';
import type { PageServerLoad } from './$types';

/**
 * The Stripe receipt of one of the buyer's orders: asks Stripe for it now and redirects there
 * (see receiptUrl). Someone else's order, or one this session may not see, is a 404. A page
 * rather than an endpoint, so a failure shows the store's own error page.
 */
export const load = (async ({ params, locals }) => {
	const user = await locals.user();
	if (!user) redirect(303, '/login?next=/orders');
	const id = z.uuid().safeParse(params.id);
	if (!id.success) error(404, { message: 'There is no such order.' });
	let url: string | null;
	try {
		url = await receiptUrl(user, id.data);
	} catch (cause) {
		// A payment Stripe does not know (test data, another account's keys): no receipt to show.
		if ((cause as { statusCode?: number }).statusCode === 404) url = null;
		else {
			console.error('Receipt not available:', cause);
			error(503, {
				message: 'Receipts cannot be fetched right now. Please try again in a minute.'
			});
		}
	}
	if (!url) error(404, { message: 'There is no Stripe receipt for this order.' });
	redirect(303, url);
}) satisfies PageServerLoad;
