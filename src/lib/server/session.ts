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
 * The claims of `token` when it is signed with one of `keys` (ES256 or RS256) and good for longer
 * than the refresh margin; undefined otherwise.
 */
export async function verifiedClaims(
	token: string,
	keys: JWTVerifyGetKey,
	now = Date.now()
): Promise<JWTPayload | undefined> {
	try {
		if (!ALGORITHMS.includes(decodeProtectedHeader(token).alg ?? '')) return undefined;
		const { payload } = await jwtVerify(token, keys, {
			algorithms: ALGORITHMS,
			currentDate: new Date(now),
			requiredClaims: ['exp']
		});
		return payload.exp! * 1000 - now > REFRESH_MARGIN_SECONDS * 1000 ? payload : undefined;
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
