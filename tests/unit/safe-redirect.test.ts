import { describe, expect, it } from 'vitest';
import { sameSitePath } from '$lib/safe-redirect';

describe('sameSitePath', () => {
	it('keeps a path on this site, with its query', () => {
		expect(sameSitePath('/products/x/read?from=email')).toBe('/products/x/read?from=email');
		expect(sameSitePath('/library')).toBe('/library');
	});

	it('refuses other sites, however they are spelled', () => {
		for (const next of [
			'https://elsewhere.example/',
			'//elsewhere.example',
			'/\\elsewhere.example',
			'\\\\elsewhere.example',
			'javascript:alert(1)',
			'http:/elsewhere.example',
			' //elsewhere.example',
			''
		]) {
			expect(sameSitePath(next), next).toBe('/library');
		}
	});

	it('falls back when missing', () => {
		expect(sameSitePath(null)).toBe('/library');
		expect(sameSitePath(undefined, '/')).toBe('/');
	});
});
