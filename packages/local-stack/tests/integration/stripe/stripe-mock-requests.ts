import type Stripe from 'stripe';
import { CLOCK_START, DAY } from './billing-support.ts';
import { createSession, SUCCESS_URL } from './support.ts';

export type Call = (stripe: Stripe, ids: Record<string, string>) => Promise<unknown>;

/**
 * One request per emulated endpoint (a few endpoints more than one: `name (variant)`), with the
 * parameters the store and the contract tests use.
 */
export const requests: Record<string, Call> = {
	'POST /v1/checkout/sessions': (s) =>
		createSession(s, {
			customer_email: 'reader@example.com',
			client_reference_id: 'user-42',
			expires_at: Math.floor(Date.now() / 1000) + 3600,
			payment_intent_data: { metadata: { product_id: 'prod-local-1' } },
			metadata: { product_id: 'prod-local-1', nonce_hash: 'abc' }
		}),
	'POST /v1/checkout/sessions (customer_creation)': (s) =>
		createSession(s, { customer_creation: 'always' }),
	'POST /v1/checkout/sessions (subscription)': (s, i) =>
		s.checkout.sessions.create({
			mode: 'subscription',
			customer: i.customer,
			line_items: [{ price: i.price, quantity: 1 }],
			subscription_data: { trial_period_days: 14, metadata: { member: 'm-1' } },
			success_url: SUCCESS_URL,
			cancel_url: SUCCESS_URL
		}),
	'POST /v1/checkout/sessions (subscription, price_data)': (s, i) =>
		s.checkout.sessions.create({
			mode: 'subscription',
			customer_email: 'member@example.com',
			line_items: [
				{
					quantity: 1,
					price_data: {
						currency: 'usd',
						unit_amount: 900,
						product: i.product,
						recurring: { interval: 'month' }
					}
				}
			],
			success_url: SUCCESS_URL
		}),
	'GET /v1/checkout/sessions/:id': (s, i) =>
		s.checkout.sessions.retrieve(i.session, { expand: ['line_items', 'payment_intent'] }),
	'GET /v1/checkout/sessions/:id/line_items': (s, i) =>
		s.checkout.sessions.listLineItems(i.session, { limit: 5 }),
	'GET /v1/checkout/sessions': (s, i) =>
		s.checkout.sessions.list({
			payment_intent: i.intent,
			status: 'complete',
			created: { gte: 1 },
			limit: 3
		}),
	'GET /v1/checkout/sessions (customer)': (s, i) =>
		s.checkout.sessions.list({ customer: i.customer, status: 'complete', limit: 3 }),
	'POST /v1/checkout/sessions/:id/expire': async (s) =>
		s.checkout.sessions.expire((await createSession(s)).id),
	'GET /v1/payment_intents/:id': (s, i) =>
		s.paymentIntents.retrieve(i.intent, { expand: ['latest_charge'] }),
	'GET /v1/payment_intents': (s) =>
		s.paymentIntents.list({ limit: 2, created: { lt: 4102444800 } }),
	'GET /v1/charges/:id': (s, i) => s.charges.retrieve(i.charge),
	'GET /v1/charges': (s, i) => s.charges.list({ payment_intent: i.intent, limit: 2 }),
	'GET /v1/disputes/:id': (s, i) => s.disputes.retrieve(i.dispute),
	'GET /v1/disputes': (s, i) => s.disputes.list({ charge: i.charge, limit: 2 }),
	'POST /v1/refunds': (s, i) =>
		s.refunds.create(
			{ charge: i.charge, amount: 100, reason: 'requested_by_customer', metadata: { order: '1' } },
			{ idempotencyKey: `refund-${Math.random()}` }
		),
	'POST /v1/refunds (payment_intent)': (s, i) =>
		s.refunds.create({ payment_intent: i.intent, amount: 100, reason: 'duplicate' }),
	'POST /v1/refunds/:id': (s, i) => s.refunds.update(i.refund, { metadata: { note: 'studio' } }),
	'GET /v1/refunds/:id': (s, i) => s.refunds.retrieve(i.refund),
	'GET /v1/refunds': (s, i) => s.refunds.list({ charge: i.charge, limit: 2 }),
	'GET /v1/events/:id': (s, i) => s.events.retrieve(i.event),
	'GET /v1/events': (s) =>
		s.events.list({ type: 'checkout.session.completed', created: { gte: 1 }, limit: 5 }),
	'GET /v1/events (types, delivery_success)': (s) =>
		s.events.list({
			types: ['invoice.paid', 'customer.subscription.updated'],
			delivery_success: false,
			limit: 5
		}),
	'POST /v1/customers': (s) =>
		s.customers.create({ email: 'new@example.com', name: 'New', metadata: { user_id: 'u-1' } }),
	'POST /v1/customers (test_clock)': (s, i) =>
		s.customers.create({ email: 'clock@example.com', test_clock: i.spare_clock }),
	'GET /v1/customers/:id': (s, i) => s.customers.retrieve(i.customer),
	'POST /v1/customers/:id': (s, i) =>
		s.customers.update(i.customer, {
			name: 'Renamed',
			invoice_settings: { default_payment_method: '' },
			metadata: { a: '1' }
		}),
	'GET /v1/customers': (s) => s.customers.list({ email: 'mock@example.com', limit: 3 }),
	'GET /v1/customers/:id/payment_methods': (s, i) =>
		s.customers.listPaymentMethods(i.customer, { type: 'card', limit: 3 }),
	'POST /v1/products': (s) =>
		s.products.create({ name: 'Club', description: 'Members', metadata: { kind: 'club' } }),
	'GET /v1/products/:id': (s, i) => s.products.retrieve(i.product),
	'POST /v1/products/:id': (s, i) =>
		s.products.update(i.product, { default_price: i.price, description: '' }),
	'GET /v1/products': (s) => s.products.list({ active: true, limit: 3 }),
	'POST /v1/prices': (s, i) =>
		s.prices.create({
			product: i.product,
			currency: 'usd',
			unit_amount: 1200,
			recurring: { interval: 'month' },
			lookup_key: `club-${Math.random()}`
		}),
	'GET /v1/prices/:id': (s, i) => s.prices.retrieve(i.price, { expand: ['product'] }),
	'POST /v1/prices/:id': (s, i) =>
		s.prices.update(i.yearly, { nickname: 'Yearly', metadata: { a: '1' } }),
	'GET /v1/prices': (s, i) =>
		s.prices.list({ product: i.product, active: true, type: 'recurring', limit: 3 }),
	'GET /v1/payment_methods/:id': (s, i) => s.paymentMethods.retrieve(i.payment_method),
	'GET /v1/payment_methods': (s, i) =>
		s.paymentMethods.list({ customer: i.customer, type: 'card' }),
	'POST /v1/payment_methods/:id/attach': (s, i) =>
		s.paymentMethods.attach('pm_card_visa', { customer: i.customer }),
	'POST /v1/payment_methods/:id/detach': (s, i) => s.paymentMethods.detach(i.detachable),
	'GET /v1/subscriptions/:id': (s, i) =>
		s.subscriptions.retrieve(i.subscription, { expand: ['latest_invoice'] }),
	'GET /v1/subscriptions': (s, i) =>
		s.subscriptions.list({ customer: i.customer, status: 'all', limit: 3 }),
	'POST /v1/subscriptions/:id': (s, i) =>
		s.subscriptions.update(i.subscription, {
			metadata: { member: 'm-2' },
			cancel_at_period_end: true
		}),
	'POST /v1/subscriptions/:id (items)': (s, i) =>
		s.subscriptions.update(i.subscription, {
			items: [{ id: i.item, price: i.price }],
			proration_behavior: 'none'
		}),
	'DELETE /v1/subscriptions/:id': (s, i) =>
		s.subscriptions.cancel(i.cancel_subscription, { cancellation_details: { feedback: 'unused' } }),
	'GET /v1/invoices/:id': (s, i) => s.invoices.retrieve(i.invoice, { expand: ['payments'] }),
	'GET /v1/invoices': (s, i) => s.invoices.list({ customer: i.customer, status: 'open', limit: 3 }),
	'GET /v1/invoices/:id/lines': (s, i) => s.invoices.listLineItems(i.invoice, { limit: 3 }),
	'POST /v1/invoices/:id/pay': (s, i) =>
		s.invoices.pay(i.pay_invoice, { payment_method: i.payment_method }),
	'POST /v1/invoices/:id/void': (s, i) => s.invoices.voidInvoice(i.void_invoice),
	'POST /v1/invoices/:id/mark_uncollectible': (s, i) =>
		s.invoices.markUncollectible(i.mark_invoice),
	'POST /v1/test_helpers/test_clocks': (s) =>
		s.testHelpers.testClocks.create({ frozen_time: CLOCK_START, name: 'renewals' }),
	'GET /v1/test_helpers/test_clocks/:id': (s, i) => s.testHelpers.testClocks.retrieve(i.clock),
	'GET /v1/test_helpers/test_clocks': (s) => s.testHelpers.testClocks.list({ limit: 3 }),
	'POST /v1/test_helpers/test_clocks/:id/advance': (s, i) =>
		s.testHelpers.testClocks.advance(i.clock, { frozen_time: CLOCK_START + 10 * DAY }),
	'DELETE /v1/test_helpers/test_clocks/:id': (s, i) => s.testHelpers.testClocks.del(i.spare_clock),
	'POST /v1/billing_portal/sessions': (s, i) =>
		s.billingPortal.sessions.create({ customer: i.customer, return_url: SUCCESS_URL }),
	'POST /v1/billing_portal/configurations': (s, i) =>
		s.billingPortal.configurations.create({
			features: {
				invoice_history: { enabled: true },
				payment_method_update: { enabled: true },
				subscription_cancel: { enabled: true, mode: 'at_period_end' },
				subscription_update: {
					enabled: true,
					default_allowed_updates: ['price'],
					proration_behavior: 'none',
					products: [{ product: i.product, prices: [i.price, i.yearly] }]
				}
			},
			business_profile: { headline: 'Storefront' },
			default_return_url: SUCCESS_URL
		}),
	'GET /v1/billing_portal/configurations/:id': (s, i) =>
		s.billingPortal.configurations.retrieve(i.configuration),
	'GET /v1/billing_portal/configurations': (s) =>
		s.billingPortal.configurations.list({ active: true, limit: 3 })
};
