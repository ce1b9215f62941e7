import { expect, type Page } from '@playwright/test';
import { uniqueEmail } from '@storefront/local-stack';
import { stackEnv } from '../support/env.ts';
import { loginEmail } from './login-support.ts';

/** A seller: an account marked admin by the server (what `npm run admin -- grant` does), signed in with the emailed code. */
export async function signInAsSeller(page: Page) {
	const email = uniqueEmail('seller');
	const { apiUrl, serviceRoleKey } = stackEnv();
	const response = await fetch(`${apiUrl}/auth/v1/admin/users`, {
		method: 'POST',
		headers: {
			apikey: serviceRoleKey,
			authorization: `Bearer ${serviceRoleKey}`,
			'content-type': 'application/json'
		},
		body: JSON.stringify({ email, email_confirm: true, app_metadata: { role: 'admin' } })
	});
	expect(response.status, await response.clone().text()).toBe(200);
	const { code } = await loginEmail(page, email);
	await page.getByLabel('6-digit code').fill(code);
	await page.getByRole('button', { name: 'Log in with code' }).click();
	await expect(page).toHaveURL('/library');
	return email;
}

export interface NewProduct {
	title: string;
	price: string;
	currency?: string;
	sample?: string;
	body: string;
}

/** Fills the studio's product form (new or edit page). */
export async function fillProduct(page: Page, product: Partial<NewProduct>) {
	if (product.title !== undefined) await page.getByLabel('Title').fill(product.title);
	if (product.price !== undefined) await page.getByLabel('Price').fill(product.price);
	if (product.currency) await page.getByLabel('Currency').selectOption(product.currency);
	if (product.sample !== undefined) {
		await page.getByRole('textbox', { name: 'Free sample (Markdown)' }).fill(product.sample);
	}
	if (product.body !== undefined) {
		await page.getByRole('textbox', { name: 'Content for buyers (Markdown)' }).fill(product.body);
	}
}
