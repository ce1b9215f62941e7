import { parse } from 'cookie';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isSessionCookie } from '$lib/server/cache-policy';
import { hasSessionCookie, pageKey, rawRequestPageKey } from '$lib/server/page-key';

// The store's server looks a kept page up from the raw node:http request (server/index.ts), before
// SvelteKit, whose hook kept it under the key of its own reading of that request. Both must agree:
// a request SvelteKit would treat as someone's (a session cookie) must not find a kept page.
const raw = (url: string, more: Partial<Parameters<typeof rawRequestPageKey>[0]> = {}) =>
	rawRequestPageKey({
		method: 'GET',
		url,
		cookie: undefined,
		acceptLanguage: 'de-DE,de;q=0.9',
		acceptEncoding: 'br',
		...more
	});

/** How SvelteKit's adapter reads the same request: the target after the origin, then the hook. */
const asSvelteKitReadsIt = (target: string, acceptLanguage: string) =>
	pageKey(acceptLanguage, new URL(new Request(`http://store.example${target}`).url));

describe('rawRequestPageKey', () => {
	it('names the page by locale, path and page number, as the hook does', () => {
		expect(raw('/')).toBe('de-DE /');
		expect(raw('/products/slow-mornings')).toBe('de-DE /products/slow-mornings');
		expect(raw('/?page=2', { acceptLanguage: undefined })).toBe('en /?page=2');
	});

	it('finds nothing for a request that may be someone’s or asks for something else', () => {
		expect(raw('/', { method: 'POST' })).toBeUndefined();
		expect(raw('/', { method: 'HEAD' })).toBeUndefined();
		expect(raw('/', { cookie: 'theme=dark; sb-127-auth-token=base64-e30' })).toBeUndefined();
		expect(raw('/', { cookie: 'sb-127-auth-token.0=abc' })).toBeUndefined();
		expect(raw('/?page=2&x=1')).toBeUndefined();
		expect(raw('/?/buy')).toBeUndefined();
		expect(raw('http://elsewhere.example/')).toBeUndefined();
		expect(raw(undefined as unknown as string)).toBeUndefined();
	});

	it('keeps a path the URL parser would move (`//host/x`) as the path SvelteKit sees', () => {
		expect(raw('//elsewhere.example/x')).toBe('de-DE //elsewhere.example/x');
		expect(raw('/products/../')).toBe('de-DE /');
	});

	it('agrees with SvelteKit’s reading of any request target', () => {
		const target = fc
			.tuple(fc.webPath(), fc.option(fc.integer({ min: 1, max: 999_999 }), { nil: undefined }))
			.map(([path, page]) => `/${path.replace(/^\/+/, '')}${page ? `?page=${page}` : ''}`);
		fc.assert(
			fc.property(target, fc.constantFrom('en', 'de-CH', 'fr;q=0.5, ja', ''), (url, language) => {
				expect(raw(url, { acceptLanguage: language })).toBe(asSvelteKitReadsIt(url, language));
			})
		);
	});
});

describe('hasSessionCookie', () => {
	// Seeing one where the parser would not (a pair with no `=`) only sends that request to SvelteKit.
	it('sees a Supabase session cookie wherever the `cookie` parser SvelteKit uses sees one', () => {
		const name = fc.oneof(
			fc.constantFrom('sb-127-auth-token', 'sb-abc-auth-token.1', 'theme', 'sb-auth-token'),
			fc.string({ maxLength: 12 })
		);
		const value = fc.oneof(
			fc.string({ maxLength: 12 }),
			fc.constantFrom('x;sb-1-auth-token', '"a=b"')
		);
		const pair = fc.tuple(name, value, fc.constantFrom('=', '= ', ' =', ''));
		const header = fc
			.array(pair, { maxLength: 5 })
			.map((pairs) => pairs.map(([n, v, eq]) => `${n}${eq}${v}`).join('; '));
		fc.assert(
			fc.property(header, (cookie) => {
				if (Object.keys(parse(cookie)).some(isSessionCookie)) {
					expect(hasSessionCookie(cookie)).toBe(true);
				}
			})
		);
	});
});
