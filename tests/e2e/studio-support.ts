import { expect, type Page } from '@playwright/test';
import { createAccount } from '../support/sessions.ts';
import { loginEmail } from './login-support.ts';

/** A seller: an account marked admin by the server (what `npm run admin -- grant` does), signed in with the emailed code. */
export async function signInAsSeller(page: Page) {
	const { email } = await createAccount('seller', { role: 'admin' });
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

/** A small but real PDF (what a seller sells), different each time so a download can be compared. */
export function pdfBytes(label: string) {
	const text = `BT /F1 18 Tf 72 720 Td (${label}) Tj ET`;
	const objects = [
		'<< /Type /Catalog /Pages 2 0 R >>',
		'<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
		'<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>',
		`<< /Length ${text.length} >>\nstream\n${text}\nendstream`
	];
	let body = '%PDF-1.4\n';
	const offsets = objects.map((object, i) => {
		const offset = body.length;
		body += `${i + 1} 0 obj\n${object}\nendobj\n`;
		return offset;
	});
	const xref = body.length;
	body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
	body += offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('');
	body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
	return Buffer.from(body);
}
