import { error, redirect } from '@sveltejs/kit';
import Stripe from 'stripe';
import { checkoutState, isCheckoutSessionId } from '$shared/checkout.ts';
import { fulfilCheckout } from '$shared/fulfilment.ts';
import { findProduct } from '$lib/server/catalogue';
import { hashNonce, NONCE_COOKIE } from '$lib/server/checkout';
import { db } from '$lib/server/db';
import { claimPurchaseEmail, sendClaimedPurchaseEmail } from '$lib/server/purchase-email';
import { returnDecision } from '$lib/server/return-decision';
import { stripe } from '$lib/server/stripe';
import { adminClient } from '$lib/server/supabase';
import type { PageServerLoad } from './$types';

/**
 * Where Checkout sends the buyer back (`success_url`). Verifies the session with Stripe,
 * records the purchase (racing the webhook, idempotently), and logs this browser in only when
 * that is safe (return-decision.ts). Then redirects, so a reload does none of it again. A page
 * load rather than an endpoint so that its refusals render the store's error page.
 */
export const load = (async ({ url, params, cookies, locals }) => {
	const sessionId = url.searchParams.get('session_id');
	if (!isCheckoutSessionId(sessionId)) error(400, { message: 'This return link is not valid.' });
	const product = await findProduct(params.slug);
	if (!product) error(404, { message: 'This product does not exist or is no longer for sale.' });
	const productPage = `/products/${product.slug}`;

	const nonce = cookies.get(NONCE_COOKIE);
	cookies.delete(NONCE_COOKIE, { path: '/products' });

	let session: Stripe.Checkout.Session;
	try {
		session = await stripe().checkout.sessions.retrieve(sessionId);
	} catch (cause) {
		if (cause instanceof Stripe.errors.StripeInvalidRequestError) {
			error(404, { message: 'We could not find this payment.' });
		}
		console.error('Stripe unreachable on return:', cause);
		error(503, {
			message:
				'Payments are unavailable right now. Your purchase is safe: reload this page in a minute.'
		});
	}

	const state = checkoutState(session);
	if (state.status === 'processing') redirect(303, `${productPage}?checkout=processing`);
	if (state.status !== 'paid') redirect(303, `${productPage}?checkout=unpaid`);
	if (state.checkout.productId !== product.id) {
		error(400, { message: 'This payment is for another product.' });
	}

	const fulfilment = await fulfilCheckout(
		{ sql: db(), auth: adminClient().auth.admin },
		state.checkout
	);
	const currentUser = await locals.user();
	const nonceMatches = nonce !== undefined && hashNonce(nonce) === session.metadata?.nonce_hash;
	let decision = returnDecision({
		nonceMatches,
		sessionAgeSeconds: Math.floor(Date.now() / 1000) - session.created,
		buyer: fulfilment.buyer,
		sessionId,
		currentUserId: currentUser?.id ?? null
	});

	// Only the buying browser moves the purchase email; a replayed URL leaves it on its schedule.
	const claimer =
		nonceMatches || decision === 'already-logged-in'
			? await claimPurchaseEmail(sessionId)
			: undefined;
	// The emailed token is already out: a login now would invalidate it, so the email wins.
	if (decision === 'log-in' && !claimer) decision = 'check-email';
	if (decision === 'log-in') await logIn(locals.supabase, state.checkout.email);
	// After the login, never before it; not awaited: the buyer need not wait for the mail server.
	if (claimer) {
		sendClaimedPurchaseEmail(sessionId, claimer).catch((cause) =>
			console.error(`purchase email for ${sessionId}:`, cause)
		);
	}

	if (decision === 'check-email') redirect(303, `${productPage}?checkout=check-email`);
	redirect(303, `${productPage}/read?checkout=thanks`);
}) satisfies PageServerLoad;

/**
 * Logs this browser in as the buyer. Supabase Auth has no admin call that mints a session, so
 * the server makes a one-time token and redeems it at once (cookies set by @supabase/ssr).
 */
async function logIn(supabase: App.Locals['supabase'], email: string) {
	const { data, error: linkError } = await adminClient().auth.admin.generateLink({
		type: 'magiclink',
		email
	});
	if (linkError) throw linkError;
	const { error: verifyError } = await supabase.auth.verifyOtp({
		type: 'magiclink',
		token_hash: data.properties.hashed_token
	});
	if (verifyError) throw verifyError;
}
