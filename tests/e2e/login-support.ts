import { randomBytes } from 'node:crypto';
import { expect, type Page } from '@playwright/test';
import { stackEnv } from '../support/env.ts';
import { uniqueEmail, waitForEmails } from '@storefront/local-stack';
import { credentialsIn, db, type TestProduct } from './support.ts';

/** Steps of the login e2e tests: a buyer to log in as, asking for an email, reading it. */

export const LOGIN_SUBJECT = 'Your Storefront login link and code';

/**
 * A buyer who owns `product`: an account made through Supabase Auth's admin API (no email, as
 * the store makes them) and a purchase row. The purchase loop itself is tested elsewhere;
 * here the checkout would only add time and a purchase email to every login test.
 */
export async function seedBuyer(product: TestProduct, email = uniqueEmail('buyer')) {
	// The secret key alone, as the store's server calls Auth: the gateway hands Auth the service role.
	const { apiUrl, secretKey } = stackEnv();
	const response = await fetch(`${apiUrl}/auth/v1/admin/users`, {
		method: 'POST',
		headers: { apikey: secretKey, 'content-type': 'application/json' },
		body: JSON.stringify({ email, email_confirm: true })
	});
	expect(response.status, await response.clone().text()).toBe(200);
	const { id } = (await response.json()) as { id: string };
	const sessionId = `cs_test_e2e${randomBytes(12).toString('hex')}`;
	await db()`insert into public.purchases
		(user_id, product_id, stripe_checkout_session_id, email, amount_total, currency)
		select ${id}, p.id, ${sessionId}, ${email}, p.price_cents, p.currency
		from public.products p where p.slug = ${product.slug}`;
	return { id, email };
}

/**
 * Fills /login with an address and submits; returns the status the store answered with. With
 * JavaScript the form posts through `use:enhance`, whose JSON answer carries the action's status
 * (303 redirect, 429 refused); without, the HTTP status is that status.
 */
export async function askForLogin(page: Page, email: string) {
	await page.goto('/login');
	await page.getByLabel('Email').fill(email);
	const answer = page.waitForResponse(
		(r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/login'
	);
	const sentAt = Date.now();
	await page.getByRole('button', { name: 'Email me a link and code' }).click();
	const response = await answer;
	const ms = Date.now() - sentAt;
	if (!(response.headers()['content-type'] ?? '').includes('application/json')) {
		return { status: response.status(), ms };
	}
	const result = (await response.json()) as { status?: number };
	return { status: result.status ?? response.status(), ms };
}

/** Asks for a login email and waits for it to be the address's `nth` email; its link and code. */
export async function loginEmail(page: Page, email: string, nth = 1) {
	// A request within the 2 s per-address cooldown is refused: ask again once it has passed.
	await expect(async () => {
		expect((await askForLogin(page, email)).status).toBe(303);
	}).toPass({ intervals: [1_000], timeout: 10_000 });
	await expect(page).toHaveURL(/\/login\/code/);
	const mails = await waitForEmails(email, nth);
	expect(mails).toHaveLength(nth);
	expect(mails[nth - 1].subject).toBe(LOGIN_SUBJECT);
	return credentialsIn(mails[nth - 1].html);
}

/** The "That link did not work" page, with its way to ask for a new one. */
export async function expectLinkRefused(page: Page) {
	await expect(page.getByRole('heading', { name: 'That link did not work' })).toBeVisible();
	await expect(page.getByRole('alert')).toHaveText(
		'This login link has expired or was already used. Ask for a new one below.'
	);
	await expect(page.getByRole('link', { name: 'Email me a new link' })).toBeVisible();
}
