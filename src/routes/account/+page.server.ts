import { fail, redirect } from '@sveltejs/kit';
import { readForm } from '$lib/server/form';
import { customerOf, membershipOf, portalUrl } from '$lib/server/membership';
import { sessionScoped } from '$lib/server/ownership';
import type { Actions, PageServerLoad } from './$types';

const notices = ['payment_failed', 'trial_ending', 'membership_ended'] as const;

/** The signed-in buyer's account: the membership, and the way to manage it in Stripe's portal. */
export const load = (async ({ locals, url }) => {
	const user = await locals.user();
	if (!user) redirect(303, `/login?next=${encodeURIComponent(url.pathname + url.search)}`);
	return {
		membership: (await membershipOf(user)) ?? null,
		scoped: await sessionScoped(user),
		notice: notices.find((n) => n === url.searchParams.get('notice')) ?? null
	};
}) satisfies PageServerLoad;

export const actions = {
	/** Stripe's customer portal: cancel at period end, resume, switch plans, update the card. */
	manage: async ({ request, locals, url }) => {
		const form = await readForm(request);
		if (!(form instanceof FormData)) return form;
		const user = await locals.user();
		if (!user) redirect(303, '/login?next=/account');
		// The portal can change the card and the plan: only a session that proved the address.
		if (await sessionScoped(user)) {
			return fail(403, {
				message: 'Type the code we emailed you first, to manage the membership.'
			});
		}
		const customer = await customerOf(user);
		if (!customer) return fail(404, { message: 'This account has no membership to manage.' });
		redirect(303, await portalUrl(customer, `${url.origin}/account`));
	}
} satisfies Actions;
