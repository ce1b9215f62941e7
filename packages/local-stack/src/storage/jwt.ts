import {
	importJWK,
	jwtVerify,
	SignJWT,
	type JWK,
	type JWTHeaderParameters,
	type JWTPayload
} from 'jose';
import { errors } from './errors.ts';

/**
 * JWTs as storage-api checks them: HS256 with the project's JWT secret, and, when a JWKS is
 * configured (`JWT_JWKS`, what the Supabase CLI hands the storage container), asymmetric keys
 * from it chosen by `kid` and key type, or an `oct` key for a symmetric token with a `kid`.
 * Signed URLs are JWTs too, signed with the secret and checked by the same rules.
 */
export interface JwtKeys {
	secret: Uint8Array;
	jwks?: { keys: JWK[] };
}

const algorithmsByKeyType: Record<string, string[]> = {
	RSA: ['RS256', 'RS384', 'RS512'],
	EC: ['ES256', 'ES384', 'ES512'],
	OKP: ['EdDSA'],
	oct: ['HS256', 'HS384', 'HS512']
};

function keyTypeOf(alg: string) {
	if (alg.startsWith('ES')) return 'EC';
	if (alg === 'EdDSA') return 'OKP';
	return 'RSA';
}

async function verificationKey(header: JWTHeaderParameters, keys: JwtKeys) {
	const jwks = keys.jwks?.keys ?? [];
	if (jwks.length === 0) return keys.secret;
	if (header.alg.startsWith('HS')) {
		if (!header.kid && header.alg === 'HS256') return keys.secret;
		const jwk = jwks.find((k) => (!k.kid || k.kid === header.kid) && k.kty === 'oct' && k.k);
		return jwk?.k ? Buffer.from(jwk.k, 'base64url') : keys.secret;
	}
	const kty = keyTypeOf(header.alg);
	const jwk = jwks.find((k) => ((!k.kid && !header.kid) || k.kid === header.kid) && k.kty === kty);
	return jwk ? importJWK(jwk, header.alg) : keys.secret;
}

function allowedAlgorithms(keys: JwtKeys) {
	const usable = (keys.jwks?.keys ?? []).filter((k) => k.kty && (k.kty !== 'oct' || k.k));
	const types = new Set(usable.map((k) => k.kty as string));
	return ['HS256', ...[...types].flatMap((type) => algorithmsByKeyType[type] ?? [])];
}

/** The verified payload, or the verifier's own message (what storage-api puts in its error). */
export async function verifyJwt(token: string, keys: JwtKeys): Promise<JWTPayload> {
	const { payload } = await jwtVerify(
		token,
		(header: JWTHeaderParameters) => verificationKey(header, keys),
		{
			algorithms: [...new Set(allowedAlgorithms(keys))]
		}
	);
	return payload;
}

/** The caller of a request: its claims and the role its queries run as. */
export interface Caller {
	claims: JWTPayload & { role?: string };
	role: string;
	/** The raw token, for `request.jwt`; empty for the anonymous caller of a public route. */
	jwt: string;
	/** `sub`, which storage records as the object's owner. */
	owner?: string;
	authenticated: boolean;
}

export const anonymousCaller: Caller = {
	claims: { role: 'anon' },
	role: 'anon',
	jwt: '',
	authenticated: false
};

/** The caller named by `Authorization: Bearer …`; a bad token is 403 AccessDenied (answered 400). */
export async function callerOf(authorization: string, keys: JwtKeys): Promise<Caller> {
	const token = authorization.replace(/^Bearer\s+/i, '');
	try {
		const claims = await verifyJwt(token, keys);
		return {
			claims,
			role: typeof claims.role === 'string' && claims.role ? claims.role : 'anon',
			jwt: token,
			owner: typeof claims.sub === 'string' ? claims.sub : undefined,
			authenticated: true
		};
	} catch (error) {
		throw errors.accessDenied((error as Error).message);
	}
}

export type UrlScope = 'download' | 'upload';

/** A signed URL's token: `{url, scope}` (uploads add `owner` and `upsert`), HS256, `expiresIn` seconds. */
export function signUrlToken(
	claims: Record<string, unknown>,
	secret: Uint8Array,
	expiresIn: number
) {
	return new SignJWT(claims)
		.setIssuedAt()
		.setExpirationTime(Math.floor(Date.now() / 1000) + Math.floor(expiresIn))
		.setProtectedHeader({ alg: 'HS256' })
		.sign(secret);
}

/**
 * A signed URL's token checked for the object it names and what it may do: download tokens carry
 * `scope: "download"` (or, from older servers, no scope and no `upsert`), upload tokens `upload`.
 */
export async function verifyUrlToken(token: string, path: string, scope: UrlScope, keys: JwtKeys) {
	let payload: JWTPayload;
	try {
		payload = await verifyJwt(token, keys);
	} catch (error) {
		throw errors.invalidJwt((error as Error).message);
	}
	const legacy = payload.scope === undefined;
	const scoped =
		payload.scope === scope || (legacy && 'upsert' in payload === (scope === 'upload'));
	if (!scoped) throw errors.invalidSignature(`Token is not scoped for ${scope}`);
	if (payload.url !== path) throw errors.invalidSignature();
	// jose has refused an expired token already; this is storage-api's second look.
	if (typeof payload.exp === 'number' && payload.exp * 1000 < Date.now()) {
		throw errors.expiredSignature();
	}
	return payload as JWTPayload & { url: string; owner?: string; upsert?: boolean };
}
