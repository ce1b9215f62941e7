import type Stripe from 'stripe';
import { emit, type Emulator, type RequestInfo } from '../emulator.ts';
import { invalidRequest, noSuch } from '../errors.ts';
import { nowSeconds } from '../ids.ts';
import {
	DEFAULT_PORTAL_FEATURES,
	newPortalConfiguration,
	newPortalSession
} from '../objects/portal.ts';
import { getCustomer } from './customers.ts';

export const CONFIGURATION = 'billing_portal.configuration';
const PORTAL_SECRET = 'emulator.portal_secret';

/** The account's default configuration; a test-mode account without one gets Stripe-like defaults. */
function defaultConfiguration(emu: Emulator) {
	const all = emu.store.all<Stripe.BillingPortal.Configuration>(CONFIGURATION);
	const found = all.find((c) => c.is_default);
	if (found) return found;
	const made = emu.store.put(
		newPortalConfiguration({ features: DEFAULT_PORTAL_FEATURES }, true, nowSeconds())
	);
	emit(emu, 'billing_portal.configuration.created', made);
	return made;
}

/** The portal page's secret names the session (`session.url` is `/p/session/<secret>`). */
export function portalSessionOf(emu: Emulator, secret: string) {
	const link = emu.store.get<{ id: string; object: string; session: string }>(
		PORTAL_SECRET,
		secret
	);
	return (
		link && emu.store.get<Stripe.BillingPortal.Session>('billing_portal.session', link.session)
	);
}

/**
 * A portal session for a customer: its page is `/p/session/<secret>` (Stripe's is
 * `https://billing.stripe.com/p/session/…`), with the configuration given or the default one.
 */
export function createPortalSession(
	emu: Emulator,
	params: { customer: string; return_url?: string; configuration?: string; locale?: string },
	request: RequestInfo
): Stripe.BillingPortal.Session {
	const customer = getCustomer(emu, params.customer);
	const configuration = params.configuration
		? emu.store.get<Stripe.BillingPortal.Configuration>(CONFIGURATION, params.configuration)
		: defaultConfiguration(emu);
	if (!configuration) throw noSuch('configuration', params.configuration!, 'configuration');
	if (!configuration.active)
		throw invalidRequest('The configuration specified is not active.', 'configuration');
	const returnUrl = params.return_url ?? configuration.default_return_url;
	if (!returnUrl)
		throw invalidRequest(
			'You must provide a `return_url` or set a default return URL on the configuration.',
			'return_url'
		);
	const { session, secret } = newPortalSession(
		customer.id,
		configuration.id,
		returnUrl,
		params.locale ?? null,
		(s) => `${emu.publicUrl}/p/session/${s}`,
		nowSeconds()
	);
	emu.store.put(session);
	emu.store.put({ id: secret, object: PORTAL_SECRET, session: session.id });
	emit(emu, 'billing_portal.session.created', session, request);
	return session;
}
