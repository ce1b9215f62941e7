import { expect, test } from '@playwright/test';

test('the storefront renders its shell with security headers', async ({ page }) => {
	const response = await page.goto('/');
	expect(response?.status()).toBe(200);
	const headers = response!.headers();
	expect(headers['content-security-policy']).toContain("default-src 'self'");
	expect(headers['content-security-policy']).toMatch(/script-src 'self' 'nonce-/);
	expect(headers['x-content-type-options']).toBe('nosniff');
	expect(headers['referrer-policy']).toBe('strict-origin-when-cross-origin');

	await expect(page.getByRole('banner').getByRole('link', { name: 'Storefront' })).toBeVisible();
	await expect(page.getByRole('main')).toBeVisible();
	await expect(page.getByRole('contentinfo')).toContainText('Payments by Stripe');
});

test('a product that does not exist is a 404 page, not a crash', async ({ page }) => {
	const response = await page.goto('/products/no-such-thing');
	expect(response?.status()).toBe(404);
	await expect(page.getByText('does not exist')).toBeVisible();
});
