import { error } from '@sveltejs/kit';
import Stripe from 'stripe';
import { checkoutState } from '$shared/checkout.ts';
import { fulfilCheckout } from '$shared/fulfilment.ts';
import { hashNonce } from '../checkout';
import { asServiceRole, db } from '../db';
import { sessionScoped } from '../ownership';
import { claimPurchaseEmail, sendClaimedPurchaseEmail } from '../purchase-email';
import { stripe } from '../stripe';
import { adminClient, statelessClient } from '../supabase';
import { returnPlan, takesPurchaseEmail } from './decide';

export interface ReturnInput {
	sessionId: string;
	product: { id: string };
	/** The buying browser's nonce cookie, if this browser has one. */
	nonce: string | undefined;
	supabase: App.Locals['supabase'];
	currentUser: SessionUser | null;
}

/** Where the buyer lands: the item, or a notice on the product page. */
export type Landing = 'read' | 'check-email' | 'processing' | 'unpaid';

/**
 * The return from Checkout (`success_url`), whole: asks Stripe for the session, records the
 * purchase (racing the webhook, idempotently), decides what this browser may do (decide.ts) and
 * does it. Refusals are thrown as the store's error pages.
 */
export async function returnFromCheckout(input: ReturnInput): Promise<Landing> {
	const session = await retrieveSession(input.sessionId);
	const state = checkoutState(session);
	if (state.status === 'processing') return 'processing';
	if (state.status !== 'paid') return 'unpaid';
	if (state.checkout.productId !== input.product.id) {
		error(400, { message: 'This payment is for another product.' });
	}

	const fulfilment = await fulfilCheckout(
		{ sql: db(), auth: adminClient().auth.admin },
		state.checkout
	);
	const { currentUser } = input;
	const facts = {
		nonceMatches:
			input.nonce !== undefined && hashNonce(input.nonce) === session.metadata?.nonce_hash,
		sessionAgeSeconds: Math.floor(Date.now() / 1000) - session.created,
		sessionId: input.sessionId,
		buyer: fulfilment.buyer,
		current: currentUser && {
			userId: currentUser.id,
			scoped: currentUser.id === fulfilment.buyer.id && (await sessionScoped(currentUser))
		}
	};
	const claimer = takesPurchaseEmail(facts) ? await claimPurchaseEmail(input.sessionId) : undefined;
	const plan = returnPlan({ ...facts, emailClaimed: claimer !== undefined });

	if (plan === 'log-in-scoped') {
		await logInScoped(input.supabase, state.checkout.email, fulfilment.purchaseId);
	} else if (plan === 'extend-scope') {
		await scopeSession(String(currentUser!.claims.session_id), fulfilment.purchaseId);
	}
	// After the login, never before it; not awaited: the buyer need not wait for the mail server.
	if (claimer) {
		sendClaimedPurchaseEmail(input.sessionId, claimer).catch((cause) =>
			console.error(`purchase email for ${input.sessionId}:`, cause)
		);
	}
	return plan === 'check-email' ? 'check-email' : 'read';
}

async function retrieveSession(sessionId: string) {
	try {
		return await stripe().checkout.sessions.retrieve(sessionId);
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
}

const scopeSession = (sessionId: string, purchaseId: string) =>
	asServiceRole((sql) => sql`select public.scope_session(${sessionId}, ${purchaseId})`);

/** The Supabase session id inside an access token Supabase Auth just issued to this server. */
const sessionIdOf = (accessToken: string): string =>
	JSON.parse(Buffer.from(accessToken.split('.')[1], 'base64url').toString()).session_id;

/**
 * Logs this browser in as the buyer, scoped to this purchase. Supabase Auth has no admin call that
 * mints a session, so the server makes a one-time token and redeems it; the session is scoped
 * before its cookies are set, so it is never, even for a moment, a full session in the browser.
 */
async function logInScoped(supabase: App.Locals['supabase'], email: string, purchaseId: string) {
	const { data: link, error: linkError } = await adminClient().auth.admin.generateLink({
		type: 'magiclink',
		email
	});
	if (linkError) throw linkError;
	const { data, error: verifyError } = await statelessClient().auth.verifyOtp({
		type: 'magiclink',
		token_hash: link.properties.hashed_token
	});
	if (verifyError || !data.session) throw verifyError ?? new Error('no session from verifyOtp');
	await scopeSession(sessionIdOf(data.session.access_token), purchaseId);
	const { error: setError } = await supabase.auth.setSession(data.session);
	if (setError) throw setError;
}
