import { emailsTo, uniqueEmail, waitForEmail } from '@storefront/local-stack';
import type postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postForm, startApp } from '../../support/app-process.ts';
import { CookieJar } from '../../support/cookie-jar.ts';
import { adminSql } from '../../support/db.ts';
import { accountsOf, openEmailedLink } from '../../support/sessions.ts';
import { completedEvent, control, deliver, paidSession } from '../../support/stripe.ts';

/**
 * The webhook records a purchase without its account, which comes with the buyer's return or the
 * purchase email (after the return window). A buyer who asks for a login link in between gets
 * it: the login makes the account of an address with recorded purchases, and of no other.
 */
let sql: postgres.Sql;
let app: Awaited<ReturnType<typeof startApp>>;
const product = { slug: 'tiny-kitchen-ferments', title: 'Tiny Kitchen Ferments' };

beforeAll(async () => {
	sql = adminSql();
	await control('webhooks/pause');
	app = await startApp(4189, {
		PURCHASE_RETURN_WINDOW_SECONDS: '600',
		LOGIN_REQUESTS_PER_IP_PER_HOUR: '100000'
	});
});
afterAll(async () => {
	await control('webhooks/resume');
	await app?.stop();
	await sql.end();
});

const askForLogin = (email: string) =>
	postForm(app.origin, '/login', { email, next: '/library' }, new CookieJar());

/** A paid purchase the webhook recorded, its buyer not back from Checkout yet. */
async function recordedPurchase(label: string) {
	const email = uniqueEmail(label);
	const [{ id }] = await sql`select id from public.products where slug = ${product.slug}`;
	const session = await paidSession(id, email);
	expect((await deliver(completedEvent(session))).status).toBe(200);
	expect(await accountsOf(sql, email)).toEqual([]);
	return { email, sessionId: session.id };
}

describe('a login request inside the return window', () => {
	it('a buyer whose purchase has no account yet gets the link, and it opens the library', async () => {
		const { email, sessionId } = await recordedPurchase('early-login');
		const answer = await askForLogin(email);
		expect(answer.status).toBe(303);

		const mail = await waitForEmail(email, 20_000);
		// Made for the recorded purchase (by a login, so no checkout may log a browser into it).
		const accounts = await accountsOf(sql, email);
		expect(accounts).toEqual([{ id: expect.any(String), createdBy: null }]);
		const [purchase] = await sql`select user_id from public.purchases
			where stripe_checkout_session_id = ${sessionId}`;
		expect(purchase.user_id).toBe(accounts[0].id);
		// The purchase email still waits for the window.
		const [queued] = await sql`select sent_at from public.email_outbox where key = ${sessionId}`;
		expect(queued.sent_at).toBeNull();

		const jar = new CookieJar();
		const confirmed = await openEmailedLink(app.origin, mail.html, '/library', jar);
		expect(confirmed.headers.get('location')).toBe('/library');
		const library = await fetch(`${app.origin}/library`, { headers: { cookie: jar.header() } });
		expect(await library.text()).toContain(product.title);
	});

	it('an address that never bought anything gets the same answer, no email and no account', async () => {
		const { email } = await recordedPurchase('early-login-twin');
		const stranger = uniqueEmail('never-bought');
		const [buyers, strangers] = await Promise.all([askForLogin(email), askForLogin(stranger)]);
		expect([strangers.status, strangers.headers.get('location')]).toEqual([
			buyers.status,
			buyers.headers.get('location')
		]);
		await waitForEmail(email, 20_000);
		expect(await emailsTo(stranger)).toEqual([]);
		expect(await accountsOf(sql, stranger)).toEqual([]);
	});
});
