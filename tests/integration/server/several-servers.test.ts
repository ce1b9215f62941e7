import type postgres from 'postgres';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { emailsTo, uniqueEmail, waitForEmails } from '@storefront/local-stack';
import { startApp, startCheckout } from '../../support/app-process.ts';
import { adminSql } from '../../support/db.ts';
import { payHostedPage } from '../../support/stripe.ts';

/**
 * Two store processes against one database, as behind a load balancer: whatever one server
 * holds in memory or does on a timer must hold for both. The purchase emails of buyers who never
 * came back are sent once, whichever server's worker finds them due; a login limit counted on one
 * server holds on the other; a catalogue change is on both servers' pages.
 */
let sql: postgres.Sql;
let servers: Awaited<ReturnType<typeof startApp>>[];
const env = {
	PURCHASE_EMAIL_POLL_SECONDS: '0.5',
	PURCHASE_RETURN_WINDOW_SECONDS: '1',
	// Every test's requests come from 127.0.0.1 and the per-IP count is kept in the database for
	// an hour: other suites' logins (the e2e store's) would use up its default of 30 before this
	// file asks. The limit held across servers here is the address's cooldown.
	LOGIN_REQUESTS_PER_IP_PER_HOUR: '100000'
};

beforeAll(async () => {
	sql = adminSql();
	servers = await Promise.all([startApp(4191, env), startApp(4192, env)]);
});
afterAll(async () => {
	await Promise.all((servers ?? []).map((server) => server.stop()));
	await sql?.end();
});

it('buyers who never return get their purchase email once, from whichever server finds it due', async () => {
	const buyers = Array.from({ length: 12 }, (_, i) => uniqueEmail(`two-servers-${i}`));
	await Promise.all(
		buyers.map(async (email, i) => {
			const { checkoutUrl } = await startCheckout(servers[i % 2].origin, 'bike-repair-basics');
			// Paid, and never back from Stripe: the webhook records it, a worker sends the email.
			expect((await payHostedPage(checkoutUrl, '4242424242424242', email)).status).toBe(303);
		})
	);
	for (const email of buyers) await waitForEmails(email, 1, 30_000);
	// Both workers kept polling after the first send; none sent a second one.
	await new Promise((resolve) => setTimeout(resolve, 3000));
	for (const email of buyers) expect(await emailsTo(email), email).toHaveLength(1);
});

it('a login limit counted on one server holds on the other', async () => {
	const email = uniqueEmail('two-servers-login');
	const ask = (server: (typeof servers)[number]) =>
		fetch(`${server.origin}/login`, {
			method: 'POST',
			redirect: 'manual',
			headers: {
				origin: server.origin,
				accept: 'text/html',
				'content-type': 'application/x-www-form-urlencoded'
			},
			body: new URLSearchParams({ email, next: '/library' })
		});
	expect((await ask(servers[0])).status).toBe(303);
	// The address waits LOGIN_EMAIL_COOLDOWN_SECONDS between emails, on every server.
	const other = await ask(servers[1]);
	expect(other.status).toBe(429);
	expect(await other.text()).toContain('You can ask for another link');
});

it('a catalogue change is on both servers’ pages, whichever kept them', async () => {
	const slug = 'slow-mornings';
	const page = async (server: (typeof servers)[number]) =>
		(await fetch(`${server.origin}/products/${slug}`)).text();
	// Without triggers (as a replica applies rows) no NOTIFY goes out: only a page rendered anew
	// shows such a change, which tells a kept page from a fresh one without timing anything.
	const setTitle = (title: string, notify: boolean) =>
		sql.begin(async (tx) => {
			if (!notify) await tx`set local session_replication_role = replica`;
			await tx`update public.products set title = ${title} where slug = ${slug}`;
		});
	const [before] = await sql<{ title: string }[]>`
		select title from public.products where slug = ${slug}`;
	try {
		for (const server of servers) {
			await expect.poll(() => page(server), { timeout: 5000 }).toContain(before.title);
		}
		await setTitle(`${before.title}, unannounced`, false);
		for (const server of servers) expect(await page(server)).not.toContain('unannounced');

		// A change with its NOTIFY: each server hears it on its own connection and drops its pages.
		const renamed = `${before.title} (${uniqueEmail('edition')})`;
		await setTitle(renamed, true);
		for (const server of servers) {
			await expect.poll(() => page(server), { timeout: 3000, interval: 50 }).toContain(renamed);
		}
	} finally {
		await setTitle(before.title, true);
	}
});
