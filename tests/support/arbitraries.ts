import fc from 'fast-check';

/**
 * Generators of hostile input, small and composable: each names one kind of thing an attacker or
 * a broken client controls (a redirect target, a path parameter, a query string, a form body, a
 * header). The fuzz suites combine them per target.
 */

/** Pieces that turn a path into another host, or hide that they do, under URL normalisation. */
const redirectPieces = [
	'/',
	'//',
	'\\',
	'/\\',
	'.',
	'..',
	'./',
	'../',
	'%2e',
	'%2E%2e',
	'%2F',
	'%2f',
	'%5C',
	'%252F',
	'%25',
	'\t',
	'\n',
	'\r',
	'\u0000',
	'\u001f',
	'\u007f',
	' ',
	'\u00a0',
	'\u3000',
	'\ufeff',
	'／',
	'＼',
	'。',
	'@',
	':',
	'?',
	'#',
	'&',
	'=',
	'evil.example',
	'127.0.0.1:3000',
	'http:',
	'https:',
	'javascript:',
	'data:',
	'library',
	'products',
	'ü',
	'\ud800'
];

/** The few pieces whose combinations (`/.//x`, `/\t/x`, `/%2e/../\\x`) fool naive checks most. */
const slashAndDots = ['/', '\\', '.', '..', '%2e', '\t', '\n', 'x'];

const joined = (pieces: string[], maxLength: number) =>
	fc.array(fc.constantFrom(...pieces), { maxLength }).map((parts) => parts.join(''));

/** Strings shaped like redirect targets (`next=`), mostly hostile, some plain. */
export const redirectTarget: fc.Arbitrary<string> = fc.oneof(
	{ arbitrary: joined(slashAndDots, 6).map((s) => `/${s}`), weight: 3 },
	{ arbitrary: joined(redirectPieces, 8), weight: 2 },
	{ arbitrary: joined(redirectPieces, 6).map((s) => `/${s}`), weight: 3 },
	fc.string({ unit: 'binary', maxLength: 40 }),
	fc.string({ unit: 'binary', maxLength: 40 }).map((s) => `/${s}`),
	fc.webUrl({ withQueryParameters: true, withFragments: true }),
	fc.webPath()
);

const pathChar = fc.constantFrom(
	...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_~!$&()*+,;=:@'
);
const queryChar = fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz0123456789-._~!$()*+,;=:@/?');
const escape = fc
	.integer({ min: 0, max: 255 })
	.map((n) => `%${n.toString(16).toUpperCase().padStart(2, '0')}`);
const segment = fc
	.tuple(
		fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz0123456789'),
		fc.array(fc.oneof(pathChar, escape), { maxLength: 12 })
	)
	.map(([first, rest]) => first + rest.join(''));

/**
 * Paths on this site that need no normalisation: segments start with a letter or digit (so no
 * dot segment, encoded or not), characters the URL parser leaves as they are, an optional query
 * and fragment. A redirect check must keep these exactly.
 */
export const safePath: fc.Arbitrary<string> = fc
	.tuple(
		fc.array(segment, { minLength: 0, maxLength: 5 }),
		// Not empty: the parser drops a bare `?` or `#`.
		fc.option(fc.array(fc.oneof(queryChar, escape), { minLength: 1, maxLength: 20 })),
		fc.option(fc.array(fc.oneof(queryChar, escape), { minLength: 1, maxLength: 10 }))
	)
	.map(
		([segments, query, fragment]) =>
			`/${segments.join('/')}${query ? `?${query.join('')}` : ''}${fragment ? `#${fragment.join('')}` : ''}`
	);
