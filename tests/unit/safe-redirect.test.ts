import { validateHeaderValue } from 'node:http';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sameSitePath } from '$lib/safe-redirect';
import { redirectTarget, safePath } from '../support/arbitraries.ts';
import { fuzzParameters } from '../support/fuzz.ts';

const store = 'https://shop.test';

/**
 * Where a browser goes with this value as a 303's Location, answered to a request for
 * `requestUrl`: Node must accept it as a header value, the Fetch standard trims it, and the
 * WHATWG URL parser (the browser's own) resolves it against the request's URL.
 */
function followLocation(value: string, requestUrl = `${store}/auth/confirm/library`) {
	validateHeaderValue('location', value);
	const location = new Headers({ location: value }).get('location')!;
	return new URL(location, requestUrl);
}

/**
 * The spec's reading of a path-absolute reference, written apart from the implementation: the
 * parser drops tabs and newlines, then a second slash or backslash would start a host.
 */
function expectedPath(next: string): string | undefined {
	if (!next.startsWith('/') || /^[/\\]{2}/.test(next.replace(/[\t\n\r]/g, ''))) return undefined;
	const url = new URL(next, store);
	const path = `${url.pathname}${url.search}${url.hash}`;
	return path.startsWith('//') ? undefined : path;
}

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
			'/\t/elsewhere.example',
			'/\n\\elsewhere.example',
			// Dot segments that leave `//` in front once removed.
			'/.//elsewhere.example',
			'/a/..//elsewhere.example',
			'/%2e//elsewhere.example',
			'/.\\/elsewhere.example',
			// A host that happens to be this very site is still not a path.
			'//shop.test/library',
			''
		]) {
			expect(sameSitePath(next), JSON.stringify(next)).toBe('/library');
		}
	});

	it('keeps encoded slashes and backslashes encoded, so they stay in the path', () => {
		for (const [next, kept] of [
			['/%2F%2Felsewhere.example', '/%2F%2Felsewhere.example'],
			['/%5C%5Celsewhere.example', '/%5C%5Celsewhere.example'],
			['/%252F%252Felsewhere.example', '/%252F%252Felsewhere.example']
		]) {
			expect(sameSitePath(next)).toBe(kept);
			expect(followLocation(sameSitePath(next)).origin).toBe(store);
		}
	});

	it('falls back when missing', () => {
		expect(sameSitePath(null)).toBe('/library');
		expect(sameSitePath(undefined, '/')).toBe('/');
	});

	it('for any string, gives a path that a browser resolves to this site', () => {
		fc.assert(
			fc.property(redirectTarget, (next) => {
				const path = sameSitePath(next);
				expect(path.startsWith('/') && !path.startsWith('//')).toBe(true);
				expect(new URL(path, store).origin).toBe(store);
				expect(followLocation(path).origin).toBe(store);
				expect(followLocation(path, `${store}/products/a/b/c?x=1`).origin).toBe(store);
			}),
			fuzzParameters()
		);
	});

	it('keeps a path that needs no normalisation exactly as it is', () => {
		fc.assert(
			fc.property(safePath, (path) => {
				expect(sameSitePath(path)).toBe(path);
			}),
			fuzzParameters()
		);
	});

	it('gives the normalised path when the input is a path on this site, else the fallback', () => {
		fc.assert(
			fc.property(redirectTarget, (next) => {
				expect(sameSitePath(next, '/fallback')).toBe(expectedPath(next) ?? '/fallback');
			}),
			fuzzParameters()
		);
	});

	it('is stable: its answer, checked again, stays the same (hidden form fields post it back)', () => {
		fc.assert(
			fc.property(redirectTarget, (next) => {
				expect(sameSitePath(sameSitePath(next))).toBe(sameSitePath(next));
			}),
			fuzzParameters()
		);
	});
});
