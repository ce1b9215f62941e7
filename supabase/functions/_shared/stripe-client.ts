// The one way the store and its functions build a Stripe client. `apiUrl` points the official
// SDK at another host (the local emulator); unset, it talks to Stripe. Nothing else knows.
import Stripe from 'stripe';

export interface StripeSettings {
	secretKey: string;
	/** Unset in production. */
	apiUrl?: string;
}

export function createStripe(
	{ secretKey, apiUrl }: StripeSettings,
	options: Stripe.StripeConfig = {}
): Stripe {
	const target = apiUrl ? new URL(apiUrl) : undefined;
	const protocol = target?.protocol === 'http:' ? 'http' : 'https';
	return new Stripe(secretKey, {
		maxNetworkRetries: 2,
		timeout: 20_000,
		...options,
		...(target && {
			host: target.hostname,
			port: Number(target.port || (protocol === 'https' ? 443 : 80)),
			protocol
		})
	});
}

/** Where Checkout's hosted page lives (for a Content-Security-Policy's form-action). */
export const checkoutOrigin = (apiUrl?: string) =>
	apiUrl ? new URL(apiUrl).origin : 'https://checkout.stripe.com';

/** Where the customer portal lives (the account's "Manage membership" form redirects there). */
export const portalOrigin = (apiUrl?: string) =>
	apiUrl ? new URL(apiUrl).origin : 'https://billing.stripe.com';
