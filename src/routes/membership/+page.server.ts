import { fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { readForm } from '$lib/server/form';
import {
	customerOf,
	membershipOf,
	plansOnOffer,
	priceOnOffer,
	startMembershipCheckout
} from '$lib/server/membership';
import { sessionScoped } from '$lib/server/ownership';
import type { Actions, PageServerLoad } from './$types';

const notices = ['cancelled', 'check-email', 'unpaid'] as const;

export const load = (async ({ url, locals }) => {
	const user = await locals.user();
	return {
		plans: await plansOnOffer(),
		membership: user ? ((await membershipOf(user)) ?? null) : null,
		notice: notices.find((n) => n === url.searchParams.get('checkout')) ?? null
	};
}) satisfies PageServerLoad;

export const actions = {
	/** A membership: Checkout in subscription mode (a trial when the price has one). */
	subscribe: async ({ request, url, cookies, locals }) => {
		const form = await readForm(request);
		if (!(form instanceof FormData)) return form;
		const id = z.uuid().safeParse(form.get('price'));
		const price = id.success ? await priceOnOffer(id.data) : undefined;
		if (!price) return fail(400, { message: 'Choose one of the plans on offer.' });
		const user = await locals.user();
		if (user && (await membershipOf(user))?.active) {
			return fail(409, { message: 'You are a member already: everything is in your library.' });
		}
		// A proven account reuses its Stripe customer (one per account) or has its address fixed.
		const proven = user && !(await sessionScoped(user)) ? user : null;
		let checkoutUrl: string;
		try {
			checkoutUrl = await startMembershipCheckout(price, {
				origin: url.origin,
				cookies,
				customer: proven ? await customerOf(proven) : undefined,
				email: proven?.email
			});
		} catch (cause) {
			console.error('Membership checkout could not start:', cause);
			return fail(503, {
				message:
					'Payments are unavailable right now. Nothing was charged; please try again in a minute.'
			});
		}
		redirect(303, checkoutUrl);
	}
} satisfies Actions;
