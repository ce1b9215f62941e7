import { error, redirect } from '@sveltejs/kit';
import { isCheckoutSessionId } from '$shared/checkout.ts';
import { NONCE_COOKIE } from '$lib/server/checkout';
import { returnFromMembershipCheckout } from '$lib/server/checkout-return';
import type { PageServerLoad } from './$types';

/** Where a membership's Checkout sends the member back; the flow is src/lib/server/checkout-return. */
export const load = (async ({ url, cookies, locals }) => {
	const sessionId = url.searchParams.get('session_id');
	if (!isCheckoutSessionId(sessionId)) error(400, { message: 'This return link is not valid.' });
	const nonce = cookies.get(NONCE_COOKIE);
	cookies.delete(NONCE_COOKIE, { path: '/membership' });
	const landing = await returnFromMembershipCheckout({
		sessionId,
		nonce,
		supabase: locals.supabase,
		currentUser: await locals.user()
	});
	if (landing === 'read') redirect(303, '/library?membership=welcome');
	redirect(303, `/membership?checkout=${landing}`);
}) satisfies PageServerLoad;
