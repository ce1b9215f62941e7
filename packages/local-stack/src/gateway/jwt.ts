import { createLocalJWKSet, decodeProtectedHeader, jwtVerify, type JSONWebKeySet } from 'jose';

/** What `verify_jwt` checks a token against: the legacy secret and the project's public keys. */
export interface FunctionJwtKeys {
	secret: Uint8Array;
	jwks: ReturnType<typeof createLocalJWKSet>;
}

export function functionJwtKeys(jwtSecret: string, jwks: string): FunctionJwtKeys {
	return {
		secret: new TextEncoder().encode(jwtSecret),
		jwks: createLocalJWKSet(JSON.parse(jwks) as JSONWebKeySet)
	};
}

/** The CLI edge runtime's reading of the header: `Bearer <token>`, split on the first space. */
function authToken(header: string | undefined) {
	if (!header) throw new Error('Missing authorization header');
	const [bearer, token] = header.split(' ');
	if (bearer !== 'Bearer') throw new Error("Auth header is not 'Bearer {token}'");
	return token;
}

/**
 * Hybrid verification as the CLI's edge runtime does it: HS256 with the legacy secret, ES256 and
 * RS256 against the JWKS (`SUPABASE_JWKS`), any other algorithm refused.
 */
async function verifyHybridJwt(keys: FunctionJwtKeys, jwt: string): Promise<boolean> {
	const { alg } = decodeProtectedHeader(jwt);
	const key = alg === 'HS256' ? keys.secret : alg === 'ES256' || alg === 'RS256' ? keys.jwks : null;
	if (!key) return false;
	return jwtVerify(jwt, key as Parameters<typeof jwtVerify>[1]).then(
		() => true,
		() => false
	);
}

/**
 * A function's `verify_jwt` check: undefined when the bearer token verifies, else the body of
 * the 401 the CLI's edge runtime answers (`{msg}`: its error, or "Invalid JWT").
 */
export async function checkFunctionJwt(
	authorization: string | undefined,
	keys: FunctionJwtKeys
): Promise<{ msg: string } | undefined> {
	try {
		return (await verifyHybridJwt(keys, authToken(authorization)))
			? undefined
			: { msg: 'Invalid JWT' };
	} catch (error) {
		return { msg: String(error) };
	}
}
