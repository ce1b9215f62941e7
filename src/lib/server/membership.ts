import type { Cookies } from '@sveltejs/kit';
import type Stripe from 'stripe';
import { startCheckout } from './checkout';
import { anonymous, asUser, type Claims } from './db';
import { stripe } from './stripe';

/** The membership offer, and starting one through Stripe Checkout (`mode=subscription`). */

export interface PlanPrice {
	id: string;
	planId: string;
	interval: 'month' | 'year';
	currency: string;
	unitAmount: number;
	trialDays: number;
	stripePriceId: string;
}

export interface Plan {
	id: string;
	name: string;
	description: string;
	prices: PlanPrice[];
}

/** The plans on offer, with their active prices. */
export async function plansOnOffer(claims: Claims = anonymous): Promise<Plan[]> {
	return asUser(claims, async (sql) => {
		const plans = await sql<Omit<Plan, 'prices'>[]>`
			select id, name, description from public.plans where archived_at is null order by created_at`;
		const prices = await sql<PlanPrice[]>`
			select id, plan_id as "planId", interval, currency, unit_amount as "unitAmount",
				trial_days as "trialDays", stripe_price_id as "stripePriceId"
			from public.plan_prices where active order by currency, interval`;
		return plans.map((plan) => ({ ...plan, prices: prices.filter((p) => p.planId === plan.id) }));
	});
}

/** One price on offer, if it is (the form's choice is never trusted further). */
export async function priceOnOffer(id: string): Promise<PlanPrice | undefined> {
	const plans = await plansOnOffer();
	return plans.flatMap((p) => p.prices).find((p) => p.id === id);
}

/** The Stripe customer an account already has (one per account), if any. */
export async function customerOf(user: SessionUser): Promise<string | undefined> {
	const [row] = await asUser(
		user.claims,
		(sql) => sql<{ stripe_customer_id: string }[]>`
			select stripe_customer_id from public.customers where user_id = ${user.id}`
	);
	return row?.stripe_customer_id;
}

/** The Checkout Session of a membership: pure, so stripe-mock checks its exact parameters. */
export function membershipCheckoutParams(
	price: PlanPrice,
	{
		origin,
		nonceHash,
		customer,
		email
	}: { origin: string; nonceHash: string; customer?: string; email?: string }
): Stripe.Checkout.SessionCreateParams {
	return {
		mode: 'subscription',
		line_items: [{ price: price.stripePriceId, quantity: 1 }],
		subscription_data: {
			...(price.trialDays > 0 && { trial_period_days: price.trialDays }),
			metadata: { plan_price_id: price.id }
		},
		metadata: { kind: 'membership', nonce_hash: nonceHash },
		// One Stripe customer per account: reused when the account has one.
		...(customer ? { customer } : email ? { customer_email: email } : {}),
		success_url: `${origin}/membership/return?session_id={CHECKOUT_SESSION_ID}`,
		cancel_url: `${origin}/membership?checkout=cancelled`
	};
}

export const startMembershipCheckout = (
	price: PlanPrice,
	{
		origin,
		cookies,
		customer,
		email
	}: { origin: string; cookies: Cookies; customer?: string; email?: string }
) =>
	startCheckout(
		(nonceHash) => membershipCheckoutParams(price, { origin, nonceHash, customer, email }),
		{ cookies, secure: origin.startsWith('https:'), path: '/membership' }
	);

export interface Membership {
	subscriptionId: string;
	plan: string;
	interval: string | null;
	status: string;
	currentPeriodEnd: Date | null;
	trialEnd: Date | null;
	cancelAtPeriodEnd: boolean;
	graceUntil: Date | null;
	/** Opens the catalogue now. */
	active: boolean;
}

/** The signed-in member's newest membership, as this session may see it. */
export async function membershipOf(user: SessionUser): Promise<Membership | undefined> {
	const [row] = await asUser(
		user.claims,
		(sql) => sql<Membership[]>`
			select m.stripe_subscription_id as "subscriptionId", coalesce(pl.name, 'Membership') as plan,
				pp.interval, m.status, m.current_period_ends_at as "currentPeriodEnd", m.trial_ends_at as "trialEnd",
				m.cancel_at_period_end as "cancelAtPeriodEnd", m.grace_ends_at as "graceUntil",
				public.membership_grants_access(m.status, m.grace_ends_at) as active
			from public.memberships m
			left join public.plan_prices pp on pp.stripe_price_id = m.stripe_price_id
			left join public.plans pl on pl.id = pp.plan_id
			order by (m.ended_at is null) desc, m.created_at desc limit 1`
	);
	return row;
}

/** Stripe's customer portal for the member (cancel, resume, switch, card, invoices). */
export async function portalUrl(customer: string, returnUrl: string): Promise<string> {
	const session = await stripe().billingPortal.sessions.create({ customer, return_url: returnUrl });
	return session.url;
}
