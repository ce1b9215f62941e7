import { describe, expect, it } from 'vitest';
import { globToRegExp, isRedirectAllowed, resolveRedirect } from '../../../src/auth/redirect.ts';

const settings = {
	siteUrl: 'http://127.0.0.1:3000',
	uriAllowList: [
		'http://localhost:5173/**',
		'https://*.example.com/cb',
		'https://shop.example.org/{a,b}/*'
	]
};

describe('redirect allow-list globs (separators . and /)', () => {
	it('** crosses segments, * stays within one', () => {
		expect(
			globToRegExp('http://localhost:5173/**').test('http://localhost:5173/auth/confirm?next=/x')
		).toBe(true);
		expect(globToRegExp('https://*.example.com/cb').test('https://shop.example.com/cb')).toBe(true);
		expect(globToRegExp('https://*.example.com/cb').test('https://a.b.example.com/cb')).toBe(false);
		expect(
			globToRegExp('https://shop.example.org/{a,b}/*').test('https://shop.example.org/b/x')
		).toBe(true);
		expect(
			globToRegExp('https://shop.example.org/{a,b}/*').test('https://shop.example.org/c/x')
		).toBe(false);
	});
});

describe('isRedirectAllowed', () => {
	it('accepts the site’s own origin, loopback IPs and allow-listed URLs', () => {
		expect(isRedirectAllowed('http://127.0.0.1:3000/library', settings)).toBe(true);
		expect(isRedirectAllowed('http://127.0.0.1:5173/cb', settings)).toBe(true);
		expect(isRedirectAllowed('http://localhost:5173/auth/confirm', settings)).toBe(true);
		expect(isRedirectAllowed('https://shop.example.com/cb#frag', settings)).toBe(true);
	});

	it('refuses other hosts, a localhost not on the list, and decimal-integer hosts', () => {
		expect(isRedirectAllowed('https://evil.example.net/x', settings)).toBe(false);
		expect(isRedirectAllowed('http://localhost:4000/x', settings)).toBe(false);
		expect(isRedirectAllowed('http://2130706433/x', settings)).toBe(false);
		expect(isRedirectAllowed('not a url', settings)).toBe(false);
	});
});

describe('resolveRedirect', () => {
	it('takes the first allowed candidate, else the site URL', () => {
		expect(resolveRedirect(['https://evil.example.net', 'http://127.0.0.1:5173/x'], settings)).toBe(
			'http://127.0.0.1:5173/x'
		);
		expect(resolveRedirect([undefined, 'https://evil.example.net'], settings)).toBe(
			'http://127.0.0.1:3000'
		);
		expect(resolveRedirect([], settings)).toBe('http://127.0.0.1:3000');
	});
});
