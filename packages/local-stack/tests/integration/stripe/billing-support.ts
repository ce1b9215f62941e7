import type Stripe from 'stripe';
import type { StripeEmulatorOptions } from '../../../src/stripe/server.ts';
import {
	CANCEL_URL,
	eventually,
	startEmulator,
	SUCCESS_URL,
	type TestEmulator
} from './support.ts';

export const DAY = 24 * 3600;
/** 1 March 2030, 00:00 UTC: a clock start whose months have known lengths. */
export const CLOCK_START = Date.UTC(2030, 2, 1) / 1000;

/** A membership product with a monthly and a yearly price, as the store's studio would make it. */
export async function createPlan(stripe: Stripe, name = 'Membership') {
	const product = await stripe.products.create({ name, metadata: { kind: 'membership' } });
	const monthly = await stripe.prices.create({
		product: product.id,
		currency: 'usd',
		unit_amount: 900,
		recurring: { interval: 'month' }
	});
	const yearly = await stripe.prices.create({
		product: product.id,
		currency: 'usd',
		unit_amount: 9000,
		recurring: { interval: 'year' }
	});
	return { product, monthly, yearly };
}

export type Plan = Awaited<ReturnType<typeof createPlan>>;

/** An emulator of the test file's own, with a membership plan in its catalogue. */
export async function billingSetup(options: Partial<StripeEmulatorOptions> = {}) {
	const emulator = await startEmulator(options);
	return { emulator, plan: await createPlan(emulator.stripe) };
}

/** A test clock and a customer on it: how Stripe users test Checkout subscriptions through time. */
export async function clockedCustomer(stripe: Stripe, email: string, frozenTime = CLOCK_START) {
	const clock = await stripe.testHelpers.testClocks.create({ frozen_time: frozenTime });
	const customer = await stripe.customers.create({ email, test_clock: clock.id });
	return { clock, customer };
}

/** Advances a clock and waits until it is ready again (Stripe advances in the background). */
export async function advance(stripe: Stripe, clock: string, to: number) {
	const started = await stripe.testHelpers.testClocks.advance(clock, { frozen_time: to });
	const ready = await eventually(async () => {
		const now = await stripe.testHelpers.testClocks.retrieve(clock);
		return now.status === 'ready' ? now : undefined;
	});
	return { started, ready };
}

/** A subscription session for a price, with the success and cancel URLs the store uses. */
export function subscriptionSession(
	stripe: Stripe,
	price: string,
	extra: Partial<Stripe.Checkout.SessionCreateParams> = {}
) {
	return stripe.checkout.sessions.create({
		mode: 'subscription',
		line_items: [{ price, quantity: 1 }],
		success_url: SUCCESS_URL,
		cancel_url: CANCEL_URL,
		...extra
	});
}

/**
 * Submits the hosted checkout form as a browser without JavaScript does (the page needs none):
 * a 303 to the success URL when paid, else the page again with its alert.
 */
export async function submitCheckout(url: string, card: string, email = 'member@example.com') {
	const response = await fetch(url, {
		method: 'POST',
		redirect: 'manual',
		headers: { 'content-type': 'application/x-www-form-urlencoded' },
		body: new URLSearchParams({ email, cardnumber: card, expiry: '12 / 34', cvc: '123' })
	});
	const page = await response.text();
	const alert = /role="alert">([^<]*)</.exec(page)?.[1];
	return { status: response.status, location: response.headers.get('location'), alert };
}

/** Every event type since a point in the list (oldest first), to check the order Stripe's come in. */
export async function typesSince(emulator: TestEmulator, after: string | undefined) {
	const types: string[] = [];
	for await (const event of emulator.stripe.events.list({ limit: 100 })) {
		if (event.id === after) break;
		types.push(event.type);
	}
	return types.reverse();
}

export const latestEventId = async (emulator: TestEmulator) =>
	(await emulator.stripe.events.list({ limit: 1 })).data[0]?.id;

/** A member on a fresh clock, subscribed through Checkout with `card` (and a trial, if given). */
export async function clockedMember(
	emulator: TestEmulator,
	price: string,
	card: string,
	trialDays?: number,
	email = `${card}@example.com`
) {
	const { clock, customer } = await clockedCustomer(emulator.stripe, email);
	const session = await subscriptionSession(emulator.stripe, price, {
		customer: customer.id,
		...(trialDays ? { subscription_data: { trial_period_days: trialDays } } : {})
	});
	await submitCheckout(session.url!, card);
	const done = await emulator.stripe.checkout.sessions.retrieve(session.id);
	return { clock, customer, subscription: String(done.subscription) };
}

/**
 * A member whose first renewal failed: subscribed with 0341 ("attaching succeeds, charging
 * fails") and a 3-day trial, its clock moved past the trial's end. Past due, with an open invoice.
 */
export async function pastDueMember(emulator: TestEmulator, price: string, email?: string) {
	const member = await clockedMember(emulator, price, '4000000000000341', 3, email);
	await advance(emulator.stripe, member.clock.id, CLOCK_START + 3 * DAY + 2 * 3600);
	const subscription = member.subscription;
	const invoice = (await emulator.stripe.invoices.list({ subscription, status: 'open' })).data[0];
	return { clock: member.clock.id, customer: member.customer, subscription, invoice };
}

/** The events about one subscription and its invoices, oldest first. */
export async function timeline(emulator: TestEmulator, subscription: string) {
	const events: Stripe.Event[] = [];
	for await (const event of emulator.stripe.events.list({ limit: 100 })) events.push(event);
	return events.reverse().filter((e) => {
		const object = e.data.object as {
			id: string;
			parent?: { subscription_details?: { subscription?: string } };
		};
		return (
			object.id === subscription ||
			object.parent?.subscription_details?.subscription === subscription
		);
	});
}
