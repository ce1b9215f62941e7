import { combineChunks } from '@supabase/ssr';
import {
	createRemoteJWKSet,
	decodeProtectedHeader,
	jwtVerify,
	type JWTPayload,
	type JWTVerifyGetKey
} from 'jose';

/**
 * A signed-in view's session, verified without building a Supabase client: the access token read
 * from the session cookie as @supabase/ssr writes it, its signature checked against the project's
 * JWKS with each key imported once (jose keeps them by `kid`; supabase-js's getClaims imported
 * the key again on every call, and the client, its cookie decoding and session load were a fifth
 * of the store's CPU on a library view). Every token is still verified. Anything this does not
 * vouch for (no cookie, an HS256 token, a token that expires within supabase-js's refresh margin,
 * a key it does not know) is left to supabase-js, which refreshes, asks Auth, or refuses.
 */

/** supabase-js refreshes a session this close to its expiry; such a token is left to it. */
const REFRESH_MARGIN_SECONDS = 90;
/** The asymmetric algorithms Supabase Auth signs with; HS256 tokens are checked by Auth itself. */
const ALGORITHMS = ['ES256', 'RS256'];

/** The cookie @supabase/ssr keeps a session in, for the project at `supabaseUrl`. */
export const sessionCookieName = (supabaseUrl: string) =>
	`sb-${new URL(supabaseUrl).hostname.split('.')[0]}-auth-token`;

/** The access token in the session cookie `name` (maybe chunked, maybe `base64-`), if any. */
export async function cookieAccessToken(
	name: string,
	cookie: (name: string) => string | undefined
): Promise<string | undefined> {
	const stored = await combineChunks(name, cookie);
	if (!stored) return undefined;
	const json = stored.startsWith('base64-')
		? Buffer.from(stored.slice('base64-'.length), 'base64url').toString('utf8')
		: stored;
	try {
		const token = (JSON.parse(json) as { access_token?: unknown } | null)?.access_token;
		return typeof token === 'string' ? token : undefined;
	} catch {
		return undefined;
	}
}

/**
 * Tokens whose signature was checked lately, with their claims: a reader's views send the same
 * token until it is refreshed, and checking an ES256 signature was an eighth of the store's CPU
 * on a library view. The same bytes checked against the same keys give the same answer, so a
 * token is trusted again, without its signature checked, for a minute at most (less than the ten
 * minutes a key withdrawn from the JWKS is still used) and never past its refresh margin.
 */
const remembered = new Map<string, { keys: JWTVerifyGetKey; claims: JWTPayload; until: number }>();
const REMEMBER_MS = 60_000;
const REMEMBER_AT_MOST = 10_000;

function remember(token: string, keys: JWTVerifyGetKey, claims: JWTPayload, until: number) {
	// The oldest goes first (a Map keeps insertion order).
	if (remembered.size >= REMEMBER_AT_MOST) remembered.delete(remembered.keys().next().value!);
	remembered.set(token, { keys, claims: Object.freeze(claims), until });
}

/**
 * The claims of `token` when it is signed with one of `keys` (ES256 or RS256) and good for longer
 * than the refresh margin; undefined otherwise.
 */
export async function verifiedClaims(
	token: string,
	keys: JWTVerifyGetKey,
	now = Date.now()
): Promise<JWTPayload | undefined> {
	const known = remembered.get(token);
	if (known && known.keys === keys && now < known.until) return known.claims;
	if (known) remembered.delete(token);
	try {
		if (!ALGORITHMS.includes(decodeProtectedHeader(token).alg ?? '')) return undefined;
		const { payload } = await jwtVerify(token, keys, {
			algorithms: ALGORITHMS,
			currentDate: new Date(now),
			requiredClaims: ['exp']
		});
		const freshUntil = payload.exp! * 1000 - REFRESH_MARGIN_SECONDS * 1000;
		if (now >= freshUntil) return undefined;
		remember(token, keys, payload, Math.min(freshUntil, now + REMEMBER_MS));
		return payload;
	} catch {
		return undefined;
	}
}

const jwksByProject = new Map<string, JWTVerifyGetKey>();

/**
 * The project's signing keys (Auth's `/.well-known/jwks.json`), fetched when a token names a key
 * not yet known and at most every ten minutes otherwise, as supabase-js does.
 */
export function projectKeys(supabaseUrl: string, apiKey: string): JWTVerifyGetKey {
	let keys = jwksByProject.get(supabaseUrl);
	if (!keys) {
		keys = createRemoteJWKSet(new URL('/auth/v1/.well-known/jwks.json', supabaseUrl), {
			headers: { apikey: apiKey },
			cacheMaxAge: 10 * 60 * 1000
		});
		jwksByProject.set(supabaseUrl, keys);
	}
	return keys;
}
