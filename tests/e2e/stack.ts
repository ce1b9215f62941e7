import { readFileSync } from 'node:fs';
import { parseEnv } from 'node:util';
import { expect } from '@playwright/test';
import type postgres from 'postgres';
import Stripe from 'stripe';
import { adminSql } from '../support/db.ts';
import { stackEnv } from '../support/env.ts';

/** The stack behind the store, as the e2e tests inspect and steer it: Postgres, Stripe's emulator. */

const dotenv = parseEnv(readFileSync('.env', 'utf8')) as Record<string, string | undefined>;
export const stripeApiUrl = dotenv.STRIPE_API_URL ?? stackEnv().stripe.apiUrl;

/** The official SDK pointed at the emulator, as the store configures it. */
export function stripeClient() {
	const target = new URL(stripeApiUrl);
	return new Stripe(dotenv.STRIPE_SECRET_KEY ?? '', {
		host: target.hostname,
		port: Number(target.port),
		protocol: target.protocol.replace(':', '') as 'http' | 'https'
	});
}

// ---- the database ---------------------------------------------------------------------------

let sql: postgres.Sql | undefined;
export const db = () => (sql ??= adminSql());
export async function closeDb() {
	await sql?.end();
	sql = undefined;
}

export interface PurchaseRow {
	id: string;
	stripe_payment_intent_id: string | null;
	user_id: string;
	slug: string;
	status: string;
	stripe_checkout_session_id: string;
}

export const purchasesOf = (email: string) => db()<PurchaseRow[]>`
	select pu.id, pu.user_id, p.slug, pu.status, pu.stripe_checkout_session_id, pu.stripe_payment_intent_id
	from public.purchases pu join public.products p on p.id = pu.product_id
	where pu.email = ${email.toLowerCase()} order by pu.created_at`;

export const purchaseBySession = async (sessionId: string) =>
	(
		await db()<PurchaseRow[]>`
			select pu.id, pu.user_id, p.slug, pu.status, pu.stripe_checkout_session_id, pu.stripe_payment_intent_id
			from public.purchases pu join public.products p on p.id = pu.product_id
			where pu.stripe_checkout_session_id = ${sessionId}`
	)[0];

export const userIdOf = async (email: string) =>
	(
		await db()<{ id: string }[]>`
			select id from auth.users where lower(email) = ${email.toLowerCase()}`
	)[0]?.id;

// ---- the Stripe emulator's control API ------------------------------------------------------

async function control(path: string, method = 'POST') {
	const response = await fetch(`${stripeApiUrl}/_emulator/${path}`, { method });
	if (!response.ok) throw new Error(`emulator ${path}: ${response.status}`);
	return response.json();
}

/** What the buyer's bank does: opens a dispute on a charge, then closes it won or lost. */
export const bank = {
	dispute: async (chargeId: string) =>
		(await control(`charges/${chargeId}/dispute`)) as { id: string },
	closeDispute: (disputeId: string, status: 'won' | 'lost') =>
		control(`disputes/${disputeId}/close?status=${status}`)
};

export const webhooks = {
	pause: () => control('webhooks/pause'),
	resume: () => control('webhooks/resume'),
	redeliver: (eventId: string, copies: number) =>
		control(`events/${eventId}/redeliver?copies=${copies}`),
	attempts: async (eventId: string) =>
		(
			(await control(`webhooks/attempts?event=${eventId}`, 'GET')) as {
				data: { status: number | null }[];
			}
		).data
};

/** The event of `type` whose object is the given Checkout Session, once Stripe has it. */
export async function eventFor(sessionId: string, type = 'checkout.session.completed') {
	let id: string | undefined;
	await expect
		.poll(
			async () => {
				const events = await stripeClient().events.list({ type, limit: 100 });
				id = events.data.find((e) => (e.data.object as { id?: string }).id === sessionId)?.id;
				return id;
			},
			{ message: `${type} for ${sessionId}`, timeout: 20_000 }
		)
		.toBeTruthy();
	return id!;
}

/** Waits until the emulator has delivered the event with a 2xx answer at least `count` times. */
export async function expectDelivered(eventId: string, count = 1, timeout = 20_000) {
	await expect
		.poll(
			async () =>
				(await webhooks.attempts(eventId)).filter((a) => a.status && a.status < 300).length,
			{ message: `2xx deliveries of ${eventId}`, timeout }
		)
		.toBeGreaterThanOrEqual(count);
}
