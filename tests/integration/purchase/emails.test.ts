import postgres from 'postgres';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startApp } from '../../support/app-process.ts';
import { adminSql } from '../../support/db.ts';
import { emailsTo, linksIn, uniqueEmail, waitForEmails } from '@storefront/local-stack';
import { CookieJar } from '../../support/cookie-jar.ts';
import { accountsOf, openEmailedLink } from '../../support/sessions.ts';
import { completedEvent, control, deliver, paidSession } from '../../support/stripe.ts';

let sql: postgres.Sql;
let app: Awaited<ReturnType<typeof startApp>>;

beforeAll(async () => {
	sql = adminSql();
	await control('webhooks/pause');
	// Buyers who never come back: the store sends their purchase emails after 2 s.
	app = await startApp(4181, {
		PURCHASE_RETURN_WINDOW_SECONDS: '2',
		PURCHASE_EMAIL_POLL_SECONDS: '0.3'
	});
});
afterAll(async () => {
	await control('webhooks/resume');
	await app?.stop();
	await sql.end();
});

it('a buyer who never comes back: the delivery makes no account, the email makes it, is sent once, and its link opens the item', async () => {
	const email = uniqueEmail('gone');
	const [product] = await sql<{ id: string; slug: string; title: string }[]>`
		select id, slug, title from public.products where slug = 'slow-mornings'`;
	const session = await paidSession(product.id, email);
	expect(await (await deliver(completedEvent(session))).json()).toMatchObject({
		outcome: 'fulfilled'
	});
	// Recorded, with its email queued, and no account yet: that is Supabase Auth's slow part.
	expect(await accountsOf(sql, email)).toEqual([]);
	const [purchase] = await sql`select id, user_id from public.purchases
		where stripe_checkout_session_id = ${session.id}`;
	expect(purchase.user_id).toBeNull();

	const [mail] = await waitForEmails(email, 1, 20_000);
	expect(mail.subject).toBe(`Your purchase: ${product.title}`);
	// Made for this purchase, remembering its checkout as the return would have, and linked.
	const accounts = await accountsOf(sql, email);
	expect(accounts).toEqual([{ id: expect.any(String), createdBy: session.id }]);
	const [linked] = await sql`select user_id from public.purchases where id = ${purchase.id}`;
	expect(linked.user_id).toBe(accounts[0].id);

	const jar = new CookieJar();
	const confirmed = await openEmailedLink(
		app.origin,
		mail.html,
		`/products/${product.slug}/read`,
		jar
	);
	expect(confirmed.headers.get('location')).toBe(`/products/${product.slug}/read`);
	const read = await fetch(`${app.origin}/products/${product.slug}/read`, {
		redirect: 'manual',
		headers: { cookie: jar.header() }
	});
	expect(read.status).toBe(200);
	expect(await read.text()).toContain(product.title);

	// The worker kept polling: still one email.
	await new Promise((r) => setTimeout(r, 1500));
	expect(await emailsTo(email)).toHaveLength(1);
});

it('two purchases by one buyer at the same moment: each email names its own purchase and links to it', async () => {
	const email = uniqueEmail('twice');
	const bought = await sql<{ id: string; slug: string; title: string }[]>`
		select id, slug, title from public.products where slug in ('slow-mornings', 'bike-repair-basics')`;
	const sessions = await Promise.all(bought.map((p) => paidSession(p.id, email)));
	const answers = await Promise.all(sessions.map((s) => deliver(completedEvent(s))));
	expect(answers.map((r) => r.status)).toEqual([200, 200]);

	const mails = await waitForEmails(email, 2, 20_000);
	const named = mails.map((mail) => ({
		subject: mail.subject,
		link: linksIn(mail.html).find((href) => href.includes('/auth/confirm/'))
	}));
	expect(named).toHaveLength(2);
	for (const product of bought) {
		const mail = named.find((m) => m.subject === `Your purchase: ${product.title}`);
		expect(mail, `an email naming ${product.title}`).toBeTruthy();
		expect(new URL(mail!.link!).pathname).toBe(`/auth/confirm/products/${product.slug}/read`);
	}
});
