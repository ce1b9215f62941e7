import { randomUUID } from 'node:crypto';
import postgres from 'postgres';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { startApp } from '../../support/app-process.ts';
import { adminSql } from '../../support/db.ts';
import { stackEnv } from '../../support/env.ts';
import { roundTripCounter } from '../../support/pg-round-trips.ts';
import { createAccount, signedInCookies } from '../../support/sessions.ts';

// A signed-in view's reads under RLS go to Postgres in one round trip (`asUserAtOnce`,
// src/lib/server/db.ts): counted at the wire, by a relay between the store and Postgres. With a
// transaction per read (`asUser`), the library took about ten and the read page more.
const slug = 'night-photography';
let sql: postgres.Sql;
let counter: Awaited<ReturnType<typeof roundTripCounter>>;
let app: Awaited<ReturnType<typeof startApp>>;
let cookie: string;

beforeAll(async () => {
	sql = adminSql();
	const direct = new URL(stackEnv().databaseUrl);
	counter = await roundTripCounter({ host: direct.hostname, port: Number(direct.port) });
	const relayed = new URL(direct);
	relayed.port = String(counter.port);
	app = await startApp(4189, {
		DATABASE_URL: relayed.href,
		// The catalogue listener keeps a connection of its own; it is not a view's.
		DATABASE_LISTEN_URL: direct.href,
		PURCHASE_EMAIL_POLL_SECONDS: '3600'
	});
	const reader = await createAccount('round-trips');
	await sql`insert into public.purchases
		(user_id, product_id, stripe_checkout_session_id, email, amount_total, currency)
		select ${reader.id}, p.id, ${`cs_test_rt${randomUUID().replaceAll('-', '')}`},
			${reader.email}, p.price_cents, p.currency
		from public.products p where p.slug = ${slug}`;
	cookie = await signedInCookies(app.origin, reader.email);
});

afterAll(async () => {
	await app?.stop();
	await counter?.stop();
	await sql?.end();
});

/** Round trips to Postgres of one view of `path`, once what every visitor shares is remembered. */
async function roundTripsOf(path: string, mustShow: string) {
	const view = async () => {
		const response = await fetch(`${app.origin}${path}`, {
			headers: { cookie },
			redirect: 'manual'
		});
		// A read page this reader may not read would redirect to the product page.
		expect(response.status).toBe(200);
		expect(await response.text()).toContain(mustShow);
	};
	await view();
	const before = counter.count();
	await view();
	return counter.count() - before;
}

test('the library is one round trip to Postgres', async () => {
	expect(await roundTripsOf('/library', `/products/${slug}`)).toBe(1);
});

test('the read page is one round trip to Postgres', async () => {
	expect(await roundTripsOf(`/products/${slug}/read`, 'The twenty-minute window')).toBe(1);
});
