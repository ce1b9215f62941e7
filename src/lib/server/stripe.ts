import Stripe from 'stripe';
import { config } from './config';

let client: Stripe | undefined;

/**
 * The official Stripe SDK. `STRIPE_API_URL` points it at another host (the local emulator);
 * unset, it talks to Stripe. Nothing else in the store knows the difference.
 */
export function stripe(): Stripe {
	if (client) return client;
	const { STRIPE_SECRET_KEY, STRIPE_API_URL } = config();
	const target = STRIPE_API_URL ? new URL(STRIPE_API_URL) : undefined;
	client = new Stripe(STRIPE_SECRET_KEY, {
		maxNetworkRetries: 2,
		timeout: 20_000,
		...(target && {
			host: target.hostname,
			port: Number(target.port || (target.protocol === 'https:' ? 443 : 80)),
			protocol: target.protocol.replace(':', '') as 'http' | 'https'
		})
	});
	return client;
}

/** Where Checkout's hosted page lives, for the Content-Security-Policy's form-action. */
export function checkoutOrigin(): string {
	const url = config().STRIPE_API_URL;
	return url ? new URL(url).origin : 'https://checkout.stripe.com';
}
