import type Stripe from 'stripe';
import {
	checkoutOrigin as originFor,
	createStripe,
	portalOrigin as portalOriginFor
} from '$shared/stripe-client.ts';
import { config } from './config';

let client: Stripe | undefined;

/** The official Stripe SDK, built the one way the functions build it too. */
export function stripe(): Stripe {
	const { STRIPE_SECRET_KEY, STRIPE_API_URL } = config();
	client ??= createStripe({ secretKey: STRIPE_SECRET_KEY, apiUrl: STRIPE_API_URL });
	return client;
}

/** Where Checkout's hosted page lives, for the Content-Security-Policy's form-action. */
export const checkoutOrigin = () => originFor(config().STRIPE_API_URL);
/** Where the customer portal lives, for the same form-action. */
export const portalOrigin = () => portalOriginFor(config().STRIPE_API_URL);
