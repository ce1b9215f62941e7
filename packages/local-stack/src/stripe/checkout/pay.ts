import type Stripe from 'stripe';
import { createCustomer, getCustomer } from '../billing/customers.ts';
import type { Emulator } from '../emulator.ts';
import { checkCard, outcomeOf, type CardInput, type CheckedCard } from '../payments/cards.ts';
import { chargeIntent, createIntent } from '../payments/charges.ts';
import { newId } from '../ids.ts';
import { timeOfCustomer } from '../time.ts';
import { completeSession, getSession, intentDataOf, type PaymentResult } from './sessions.ts';
import { awaitSettlement } from './settle.ts';
import { subscribe } from './subscribe.ts';

/** Checkout creates the PaymentIntent at the first attempt and reuses it for retries. */
function intentFor(emu: Emulator, session: Stripe.Checkout.Session): Stripe.PaymentIntent {
	if (typeof session.payment_intent === 'string')
		return emu.store.get<Stripe.PaymentIntent>('payment_intent', session.payment_intent)!;
	const data = intentDataOf(emu, session.id);
	const intent = createIntent(emu, {
		amount: session.amount_total ?? 0,
		currency: session.currency ?? 'usd',
		metadata: data?.metadata,
		description: data?.description,
		receipt_email: data?.receipt_email,
		customer: session.customer as string | null,
		created: timeOfCustomer(emu, session.customer as string | null)
	});
	session.payment_intent = intent.id;
	return intent;
}

/**
 * `mode=payment`: one charge for the total. A declined card leaves the session open so the
 * customer can try another card on the same page; `customer_creation=always` makes a Customer.
 */
function pay(
	emu: Emulator,
	session: Stripe.Checkout.Session,
	payer: string,
	card: CheckedCard
): PaymentResult {
	const outcome = outcomeOf(card.digits);
	if (outcome.kind !== 'declined' && !session.customer && session.customer_creation === 'always')
		session.customer = createCustomer(emu, { email: payer }).id;
	const intent = intentFor(emu, session);
	const result = chargeIntent(
		emu,
		intent,
		{
			last4: card.digits.slice(-4),
			brand: 'brand' in outcome ? outcome.brand : 'visa',
			expMonth: card.expMonth,
			expYear: card.expYear,
			email: payer
		},
		newId('pm'),
		outcome,
		timeOfCustomer(emu, session.customer as string | null)
	);
	if (result.status === 'failed') {
		emu.store.save();
		return { ok: false, message: result.failure.message };
	}
	completeSession(emu, session, payer, result.status === 'succeeded' ? 'paid' : 'unpaid');
	if (result.status === 'pending')
		awaitSettlement(emu, session.id, result.charge.id, result.settles);
	emu.store.save();
	return { ok: true, session };
}

/** What pressing "Pay", "Subscribe" or "Start trial" on the hosted page does. */
export function payCheckoutSession(
	emu: Emulator,
	sessionId: string,
	email: string,
	input: CardInput
): PaymentResult {
	const session = getSession(emu, sessionId);
	if (session.status !== 'open')
		return { ok: false, message: 'This Checkout Session is no longer active.' };
	const known = session.customer ? getCustomer(emu, session.customer as string).email : null;
	const payer = session.customer_email ?? known ?? email.trim();
	if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(payer))
		return { ok: false, message: 'Your email address is invalid.' };
	const card = checkCard(input);
	if ('error' in card) return { ok: false, message: card.error };
	if (session.mode === 'subscription') return subscribe(emu, session, payer, card);
	return pay(emu, session, payer, card);
}
