import { error } from '@sveltejs/kit';
import Stripe from 'stripe';
import { checkoutState } from '$shared/checkout.ts';
import { fulfilCheckout, type Buyer } from '$shared/fulfilment.ts';
import { joinFromCheckout } from '$shared/memberships.ts';
import { hashNonce } from '../checkout';
import { config } from '../config';
import { asServiceRole, db } from '../db';
import { sessionScoped } from '../ownership';
import { claimCheckoutEmail, sendClaimedEmail } from '../emails';
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
 * The return from a product's Checkout (`success_url`), whole: asks Stripe for the session,
 * records the purchase (racing the webhook, idempotently), decides what this browser may do
 * (decide.ts) and does it. Refusals are thrown as the store's error pages.
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
	return letIn(input, session, {
		buyer: fulfilment.buyer,
		email: state.checkout.email,
		scope: (authSession) =>
			asServiceRole(
				(sql) => sql`select public.scope_session(${authSession}, ${fulfilment.purchaseId})`
			)
	});
}

export type MembershipInput = Omit<ReturnInput, 'product'>;

/** The return from a membership's Checkout: the subscription recorded, then the same rules. */
export async function returnFromMembershipCheckout(input: MembershipInput): Promise<Landing> {
	const session = await retrieveSession(input.sessionId);
	if (session.mode !== 'subscription')
		error(400, { message: 'This is not a membership checkout.' });
	if (session.status !== 'complete') return 'unpaid';
	const joined = await joinFromCheckout(
		{ sql: db(), auth: adminClient().auth.admin, stripe: stripe() },
		session,
		{ graceDays: config().MEMBERSHIP_GRACE_DAYS, paidAt: new Date() }
	);
	if (!joined?.member) return 'unpaid';
	return letIn(input, session, {
		buyer: joined.member,
		email: joined.facts.email,
		scope: (authSession) =>
			asServiceRole(
				(sql) =>
					sql`select public.scope_session_to_membership(${authSession}, ${joined.subscriptionId})`
			)
	});
}

interface Granted {
	/** The account that now owns what was paid for. */
	buyer: Buyer;
	email: string;
	/** Lets a session (by its id) see what was paid for. */
	scope: (authSessionId: string) => Promise<unknown>;
}

/** What this browser may do after paying (decide.ts), done. */
async function letIn(input: MembershipInput, session: Stripe.Checkout.Session, granted: Granted) {
	const { currentUser } = input;
	const facts = {
		nonceMatches:
			input.nonce !== undefined && hashNonce(input.nonce) === session.metadata?.nonce_hash,
		sessionAgeSeconds: Math.floor(Date.now() / 1000) - session.created,
		sessionId: input.sessionId,
		buyer: granted.buyer,
		current: currentUser && {
			userId: currentUser.id,
			scoped: currentUser.id === granted.buyer.id && (await sessionScoped(currentUser))
		}
	};
	const claimer = takesPurchaseEmail(facts) ? await claimCheckoutEmail(input.sessionId) : undefined;
	const plan = returnPlan({ ...facts, emailClaimed: claimer !== undefined });

	if (plan === 'log-in-scoped') {
		await logInScoped(input.supabase, granted.email, granted.scope);
	} else if (plan === 'extend-scope') {
		await granted.scope(String(currentUser!.claims.session_id));
	}
	// After the login, never before it; not awaited: the buyer need not wait for the mail server.
	if (claimer) {
		sendClaimedEmail(input.sessionId, claimer).catch((cause) =>
			console.error(`checkout email for ${input.sessionId}:`, cause)
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

/** The Supabase session id inside an access token Supabase Auth just issued to this server. */
const sessionIdOf = (accessToken: string): string =>
	JSON.parse(Buffer.from(accessToken.split('.')[1], 'base64url').toString()).session_id;

/**
 * Logs this browser in as the buyer, scoped to what it paid for. Supabase Auth has no admin call that
 * mints a session, so the server makes a one-time token and redeems it; the session is scoped
 * before its cookies are set, so it is never, even for a moment, a full session in the browser.
 */
async function logInScoped(
	supabase: App.Locals['supabase'],
	email: string,
	scope: Granted['scope']
) {
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
	await scope(sessionIdOf(data.session.access_token));
	const { error: setError } = await supabase.auth.setSession(data.session);
	if (setError) throw setError;
}
