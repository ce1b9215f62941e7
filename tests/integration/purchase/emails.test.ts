import postgres from 'postgres';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startApp } from '../../support/app-process.ts';
import { adminSql } from '../../support/db.ts';
import { linksIn, uniqueEmail, waitForEmails } from '@storefront/local-stack';
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
