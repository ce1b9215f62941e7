import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { confirmRedirect } from '$shared/email-link.ts';
import { sameSitePath } from '$lib/safe-redirect';
import { redirectTarget, safePath } from '../support/arbitraries.ts';
import { fuzzParameters } from '../support/fuzz.ts';

const store = 'https://shop.test';

describe('confirmRedirect', () => {
	it('puts where to go after login in the confirm path, without a query', () => {
		expect(confirmRedirect(store, '/products/x/read?checkout=thanks')).toBe(
			'https://shop.test/auth/confirm/products/x/read'
		);
		expect(confirmRedirect(store, '/')).toBe('https://shop.test/auth/confirm');
	});

	it('for any string, points at the confirm page of this store', () => {
		fc.assert(
			fc.property(redirectTarget, (next) => {
				const url = new URL(confirmRedirect(store, next));
				expect(url.origin).toBe(store);
				expect(url.pathname).toMatch(/^\/auth\/confirm(\/|$)/);
				expect(url.search + url.hash).toBe('');
				// Printable ASCII: Supabase Auth checks it against its allow-list and puts it in an email.
				expect(confirmRedirect(store, next)).toMatch(/^[\x21-\x7e]+$/);
			}),
			fuzzParameters()
		);
	});

	it('carries the path that sameSitePath keeps, and nothing it would refuse', () => {
		fc.assert(
			fc.property(fc.oneof(safePath, redirectTarget), (next) => {
				const kept = new URL(sameSitePath(next, '/'), store).pathname;
				expect(confirmRedirect(store, next)).toBe(
					`${store}/auth/confirm${kept === '/' ? '' : kept}`
				);
			}),
			fuzzParameters()
		);
	});
});
