import { expect, test } from '@playwright/test';

test('the storefront renders its shell with security headers', async ({ page }) => {
	const refused: string[] = [];
	page.on('console', (message) => {
		if (message.text().includes('Content Security Policy')) refused.push(message.text());
	});
	const response = await page.goto('/');
	expect(response?.status()).toBe(200);
	const headers = response!.headers();
	expect(headers['content-security-policy']).toContain("default-src 'self'");
	// No nonces: the page may be answered again from memory or a CDN (docs/architecture.md, "Fast
	// pages"). It does not hydrate, so it has no inline script to hash: scripts from the store only.
	expect(headers['content-security-policy']).toMatch(/script-src 'self'(;|$)/);
	expect(headers['content-security-policy']).not.toContain('nonce-');
	expect(headers['x-content-type-options']).toBe('nosniff');
	expect(headers['referrer-policy']).toBe('strict-origin-when-cross-origin');

	await expect(page.getByRole('banner').getByRole('link', { name: 'Storefront' })).toBeVisible();
	await expect(page.getByRole('main')).toBeVisible();
	await expect(page.getByRole('contentinfo')).toContainText('Payments by Stripe');
	await page.reload();
	await expect(page.getByRole('main')).toBeVisible();
	expect(refused).toEqual([]);
});

test('a product that does not exist is a 404 page, not a crash', async ({ page }) => {
	const response = await page.goto('/products/no-such-thing');
	expect(response?.status()).toBe(404);
	await expect(page.getByText('does not exist')).toBeVisible();
});
