import type Stripe from 'stripe';
import { CLOCK_START, createPlan, pastDueMember, submitCheckout } from './billing-support.ts';
import { createSession, type TestEmulator } from './support.ts';

/** The ids stripe-mock gets: it validates requests against the spec and answers with fixtures. */
export const MOCK_IDS: Record<string, string> = new Proxy(
	{},
	{ get: (_, name) => `${String(name)}_mock` }
) as Record<string, string>;

async function pastDue(emulator: TestEmulator, price: string) {
	const member = await pastDueMember(emulator, price, 'mock@example.com');
	return { ...member, customer: member.customer.id, invoice: member.invoice.id };
}

/**
 * Real objects in the emulator for every request of the check: a paid one-off purchase with a
 * refund and a dispute, a membership plan, and past-due members whose invoices and subscriptions
 * the destructive requests (pay, void, cancel…) each use up.
 */
export async function emulatorIds(emulator: TestEmulator): Promise<Record<string, string>> {
	const session = await createSession(emulator.stripe);
	await submitCheckout(session.url!, '4242424242424242');
	const paid = await emulator.stripe.checkout.sessions.retrieve(session.id);
	const intent = await emulator.stripe.paymentIntents.retrieve(String(paid.payment_intent));
	const charge = String(intent.latest_charge);
	const refund = await emulator.stripe.refunds.create({ charge, amount: 100 });
	const dispute: Stripe.Dispute = await emulator.control(`charges/${charge}/dispute`);
	const plan = await createPlan(emulator.stripe);
	const member = await pastDue(emulator, plan.monthly.id);
	const [toPay, toVoid, toMark, toCancel] = await Promise.all(
		[0, 1, 2, 3].map(() => pastDue(emulator, plan.monthly.id))
	);
	const card = await emulator.stripe.paymentMethods.attach('pm_card_visa', {
		customer: toPay.customer
	});
	const detachable = await emulator.stripe.paymentMethods.attach('pm_card_visa', {
		customer: member.customer
	});
	const spareClock = await emulator.stripe.testHelpers.testClocks.create({
		frozen_time: CLOCK_START
	});
	const item = (await emulator.stripe.subscriptions.retrieve(member.subscription)).items.data[0].id;
	const event = (await emulator.stripe.events.list({ limit: 1 })).data[0];
	const configuration = await emulator.stripe.billingPortal.configurations.create({
		features: { invoice_history: { enabled: true } }
	});
	return {
		session: session.id,
		intent: intent.id,
		charge,
		refund: refund.id,
		dispute: dispute.id,
		event: event.id,
		product: plan.product.id,
		price: plan.monthly.id,
		yearly: plan.yearly.id,
		customer: member.customer,
		subscription: member.subscription,
		item,
		invoice: member.invoice,
		clock: member.clock,
		spare_clock: spareClock.id,
		payment_method: card.id,
		detachable: detachable.id,
		pay_invoice: toPay.invoice,
		void_invoice: toVoid.invoice,
		mark_invoice: toMark.invoice,
		cancel_subscription: toCancel.subscription,
		configuration: configuration.id
	};
}
