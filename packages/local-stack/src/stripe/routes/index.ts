import type { Route } from '../router.ts';
import { billingPortalRoutes } from './billing-portal.ts';
import { checkoutSessionRoutes } from './checkout-sessions.ts';
import { customerRoutes } from './customers.ts';
import { eventRoutes } from './events.ts';
import { invoiceRoutes } from './invoices.ts';
import { paymentMethodRoutes } from './payment-methods.ts';
import { paymentRoutes } from './payments.ts';
import { priceRoutes } from './prices.ts';
import { productRoutes } from './products.ts';
import { refundRoutes } from './refunds.ts';
import { subscriptionRoutes } from './subscriptions.ts';
import { testClockRoutes } from './test-clocks.ts';

/** Every Stripe endpoint the emulator answers (the stripe-mock check walks this list). */
export const apiRoutes: Route[] = [
	...checkoutSessionRoutes,
	...paymentRoutes,
	...refundRoutes,
	...eventRoutes,
	...customerRoutes,
	...productRoutes,
	...priceRoutes,
	...paymentMethodRoutes,
	...subscriptionRoutes,
	...invoiceRoutes,
	...testClockRoutes,
	...billingPortalRoutes
];

export { controlRoutes } from './control.ts';
