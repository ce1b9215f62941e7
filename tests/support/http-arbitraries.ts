import fc from 'fast-check';
import { redirectTarget } from './arbitraries.ts';

/**
 * Generators of bad HTTP input, each for one part of a request, as raw as it goes on the wire:
 * paths and queries come percent-encoded (so `%FF` and `%00` can be sent at all). Bodies are in
 * form-bodies.ts. `FuzzRequest` puts them together; the suites choose the parts per target.
 */
export interface FuzzRequest {
	method: string;
	/** The request target as sent: path and query, already percent-encoded. */
	target: string;
	headers: Record<string, string>;
	body?: Uint8Array;
}

export const bytes = (text: string) => new TextEncoder().encode(text);

/** Every byte but the unreserved ones as %XX: any string, even a lone surrogate, sendable. */
export const percentEncode = (text: string) =>
	[...bytes(text)]
		.map((b) =>
			/[A-Za-z0-9\-._~]/.test(String.fromCharCode(b))
				? String.fromCharCode(b)
				: `%${b.toString(16).toUpperCase().padStart(2, '0')}`
		)
		.join('');

/** Encodings a decoder must survive: NUL, invalid and overlong UTF-8, a lone surrogate, CRLF. */
const badEscapes = [
	'%00',
	'%FF',
	'%C0%AF',
	'%ED%A0%80',
	'%E2%80%AE',
	'%0D%0A',
	'%09',
	'%',
	'%G1',
	'%2',
	'%25',
	'%252F',
	'%2F',
	'%5C'
];

/** One field or parameter value, raw as it goes into a URL or urlencoded body. */
export const encodedValue: fc.Arbitrary<string> = fc.oneof(
	fc.string({ unit: 'binary', maxLength: 40 }).map(percentEncode),
	redirectTarget.map(percentEncode),
	fc
		.array(fc.oneof(fc.constantFrom(...badEscapes), fc.stringMatching(/^[a-z0-9]{0,4}$/)), {
			maxLength: 6
		})
		.map((p) => p.join('')),
	fc.constantFrom(
		'a%40b.test',
		'buyer%40example.test',
		'123456',
		'magiclink',
		'%2Flibrary',
		'cs_test_aaaaaaaaaaaa',
		'a'.repeat(56)
	),
	fc.integer({ min: 256, max: 20_000 }).map((n) => 'x'.repeat(n))
);

/** One path segment: real names, dot segments, bad encodings, long ones. */
export const pathSegment = (known: string[] = []): fc.Arbitrary<string> =>
	fc.oneof(
		...(known.length ? [fc.constantFrom(...known)] : []),
		fc.constantFrom(
			'',
			'.',
			'..',
			'%2e%2e',
			'a%00b',
			'%00',
			'%FF',
			'%C0%AF',
			'%2F',
			'%5C',
			'%252F',
			'__data.json',
			'UPPER'
		),
		fc.stringMatching(/^[a-z0-9-]{1,100}$/),
		fc.string({ unit: 'binary', minLength: 1, maxLength: 30 }).map(percentEncode),
		fc.integer({ min: 81, max: 4000 }).map((n) => 'a'.repeat(n))
	);

/** A rest parameter (`[...next]`): several segments. */
export const restParam = (known: string[] = []) =>
	fc.array(pathSegment(known), { maxLength: 5 }).map((segments) => segments.join('/'));

/** Name-value pairs, raw: these names (repeated, or not at all) among others, hostile values. */
export const pairs = (names: string[], maxLength = 6, values = encodedValue) =>
	fc.array(
		fc.tuple(
			fc.oneof(fc.constantFrom(...names, 'x'), fc.string({ maxLength: 8 }).map(percentEncode)),
			values
		),
		{ maxLength }
	);

/** A query string (with its `?`, or empty): known names repeated, bad values, or far too long. */
export const queryString = (names: string[], near: string[] = []): fc.Arbitrary<string> =>
	fc.oneof(
		{
			// `near`: raw values almost right for this route (a date, a cursor), to get past its checks.
			arbitrary: pairs(
				names,
				6,
				near.length ? fc.oneof(encodedValue, fc.constantFrom(...near)) : encodedValue
			).map((p) => (p.length ? `?${p.map(([k, v]) => `${k}=${v}`).join('&')}` : '')),
			weight: 5
		},
		fc.constantFrom('?', '?%', '?&&=&', '?=%FF', '?x-sveltekit-invalidated=%FF', '?%00=%00'),
		// Past Node's 16 KB of headers the server answers 431 itself.
		fc.integer({ min: 2000, max: 40_000 }).map((n) => `?q=${'x'.repeat(n)}`)
	);

/** Junk a client may send in cookies: broken Supabase session cookies, odd login_email, nonce. */
const cookieValue = fc.oneof(
	fc.string({ unit: 'grapheme-ascii', maxLength: 60 }).map((s) => s.replace(/[;\s",\\]/g, '')),
	fc.constantFrom(
		'base64-',
		'base64-e30',
		'base64-W10',
		'%FF%00',
		'{"access_token":"a.b.c","refresh_token":"x","expires_at":1}',
		'null',
		'[]'
	)
);
const cookie = fc
	.array(
		fc.tuple(
			fc.constantFrom(
				'sb-127-auth-token',
				'sb-127-auth-token.0',
				'sb-127-auth-token.1',
				'login_email',
				'checkout_nonce'
			),
			cookieValue
		),
		{ maxLength: 3 }
	)
	.map((list) => list.map(([k, v]) => `${k}=${v}`).join('; '));

/** Headers of a request to the store: how it asks for the answer, where it claims to come from, cookies. */
export const storeHeaders = (origin: string): fc.Arbitrary<Record<string, string>> =>
	fc
		.record({
			accept: fc.constantFrom(
				'text/html',
				'application/json',
				'*/*',
				'',
				'text/html;q=0.1, application/json'
			),
			'x-sveltekit-action': fc.constantFrom('', 'true'),
			origin: fc.oneof(
				{ arbitrary: fc.constant(origin), weight: 8 },
				fc.constantFrom('', 'null', 'http://evil.example')
			),
			cookie
		})
		.map((headers) => Object.fromEntries(Object.entries(headers).filter(([, v]) => v !== '')));

/** Methods a page or endpoint may be asked with, odd ones included (Node refuses unknown ones itself). */
export const method = fc.oneof(
	{ arbitrary: fc.constantFrom('GET', 'HEAD'), weight: 6 },
	fc.constantFrom(
		'POST',
		'PUT',
		'DELETE',
		'PATCH',
		'OPTIONS',
		'PROPFIND',
		'MKCOL',
		'PURGE',
		'SEARCH'
	)
);
