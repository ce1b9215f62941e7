import type Stripe from 'stripe';
import { getCustomer } from '../billing/customers.ts';
import { emit, NO_REQUEST, type Emulator, type RequestInfo } from '../emulator.ts';
import { invalidRequest, noSuch } from '../errors.ts';
import { expandWithList } from '../expand.ts';
import { nowSeconds } from '../ids.ts';
import {
	newCheckoutSession,
	newLineItems,
	type StoredLineItems
} from '../objects/checkout-session.ts';
import { resolveLineItems } from './line-items.ts';
import type { CreateSessionParams } from './params.ts';

const SESSION = 'checkout.session';
const INTENT_DATA = 'emulator.payment_intent_data';
const SUBSCRIPTION_DATA = 'emulator.subscription_data';

/** What the session keeps for the objects it creates when paid (not part of the session object). */
export interface IntentData {
	metadata?: Record<string, string>;
	description?: string;
	receipt_email?: string;
}
export interface SubscriptionData {
	trial_period_days?: number;
	metadata?: Record<string, string>;
	description?: string;
}

export const intentDataOf = (emu: Emulator, session: string) =>
	emu.store.get(INTENT_DATA, session) as IntentData | undefined;
export const subscriptionDataOf = (emu: Emulator, session: string) =>
	emu.store.get(SUBSCRIPTION_DATA, session) as SubscriptionData | undefined;

/** A session by id, expired first if its time has passed (Stripe expires them on its own). */
export function getSession(emu: Emulator, id: string): Stripe.Checkout.Session {
	const session = emu.store.get<Stripe.Checkout.Session>(SESSION, id);
	if (!session) throw noSuch('checkout.session', id, 'session');
	if (session.status === 'open' && session.expires_at <= nowSeconds())
		expireSession(emu, session, NO_REQUEST);
	return session;
}

/** Stripe expires sessions at `expires_at` on its own; the emulator checks now and then. */
export function expireOverdueSessions(emu: Emulator) {
	for (const session of emu.store.all<Stripe.Checkout.Session>(SESSION))
		if (session.status === 'open') getSession(emu, session.id);
}

export function lineItemsOf(emu: Emulator, sessionId: string): Stripe.LineItem[] {
	return emu.store.get<StoredLineItems>('emulator.line_items', sessionId)?.data ?? [];
}

export function expireSession(
	emu: Emulator,
	session: Stripe.Checkout.Session,
	request: RequestInfo
) {
	if (session.status !== 'open')
		throw invalidRequest(
			`Only Checkout Sessions with a status in ["open"] can be expired. This Checkout Session has a status of ${session.status}.`
		);
	session.status = 'expired';
	session.url = null;
	emit(emu, 'checkout.session.expired', session, request);
	emu.store.save();
}

/** Applies `expand[]`, including `line_items`, which is not an id but a list kept aside. */
export const presentSession = (
	emu: Emulator,
	session: Stripe.Checkout.Session,
	paths: string[] = []
) =>
	expandWithList(emu, session, paths, 'line_items', () => ({
		data: lineItemsOf(emu, session.id),
		url: `/v1/checkout/sessions/${session.id}/line_items`
	}));

/** The rules Stripe applies to a session's parameters beyond their shapes. */
function checkParams(emu: Emulator, params: CreateSessionParams, now: number) {
	if (params.mode === 'setup')
		throw invalidRequest('The emulator does not emulate mode=setup.', 'mode');
	if (params.customer && params.customer_email)
		throw invalidRequest(
			'You may only specify one of these parameters: customer, customer_email.',
			'customer_email'
		);
	if (params.customer) getCustomer(emu, params.customer);
	if (params.mode === 'subscription' && params.customer_creation)
		throw invalidRequest(
			'`customer_creation` can only be used in `payment` mode.',
			'customer_creation'
		);
	if (params.mode === 'subscription' && params.payment_intent_data)
		throw invalidRequest(
			'You can not pass `payment_intent_data` in `subscription` mode.',
			'payment_intent_data'
		);
	if (params.mode === 'payment' && params.subscription_data)
		throw invalidRequest(
			'You can not pass `subscription_data` in `payment` mode.',
			'subscription_data'
		);
	if (
		params.expires_at !== undefined &&
		(params.expires_at < now + 30 * 60 || params.expires_at > now + 24 * 3600)
	)
		throw invalidRequest(
			'The `expires_at` timestamp must be between 30 minutes and 24 hours from Checkout Session creation.',
			'expires_at'
		);
}

export function createSession(emu: Emulator, params: CreateSessionParams) {
	const now = nowSeconds();
	checkParams(emu, params, now);
	const mode = params.mode as 'payment' | 'subscription';
	const lineItems = newLineItems(resolveLineItems(emu, mode, params.line_items, now));
	const session = newCheckoutSession(
		{
			...params,
			mode,
			trialDays: params.subscription_data?.trial_period_days
		},
		lineItems,
		(id) => `${emu.publicUrl}/c/pay/${id}`,
		now
	);
	emu.store.put(session);
	emu.store.put({ id: session.id, object: 'emulator.line_items', data: lineItems });
	// Kept for the PaymentIntent or the Subscription the session creates when it is paid.
	if (params.payment_intent_data)
		emu.store.put({ id: session.id, object: INTENT_DATA, ...params.payment_intent_data });
	if (params.subscription_data)
		emu.store.put({ id: session.id, object: SUBSCRIPTION_DATA, ...params.subscription_data });
	emu.store.save();
	return presentSession(emu, session, params.expand);
}

export type PaymentResult =
	{ ok: true; session: Stripe.Checkout.Session } | { ok: false; message: string };

/** The session is done: Stripe records who paid and sends `checkout.session.completed`. */
export function completeSession(
	emu: Emulator,
	session: Stripe.Checkout.Session,
	email: string,
	paymentStatus: Stripe.Checkout.Session.PaymentStatus
) {
	session.status = 'complete';
	session.payment_status = paymentStatus;
	session.url = null;
	session.customer_details = {
		address: null,
		business_name: null,
		email,
		individual_name: null,
		name: null,
		phone: null,
		tax_exempt: 'none',
		tax_ids: []
	} as Stripe.Checkout.Session.CustomerDetails;
	emit(emu, 'checkout.session.completed', session);
}
