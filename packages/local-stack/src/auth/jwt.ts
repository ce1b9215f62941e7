import {
	decodeProtectedHeader,
	errors,
	jwtVerify,
	SignJWT,
	type JWTHeaderParameters,
	type JWTPayload
} from 'jose';
import { ApiError, badRequest, forbidden } from './errors.ts';
import { keyringOf, type Keyring } from './keyring.ts';
import type { AuthSettings } from './settings.ts';
import type { UserRow } from './users.ts';

export interface AmrEntry {
	method: string;
	timestamp: number;
}

/** An access token with GoTrue's claims, in GoTrue's order (section 8). */
export async function signAccessToken(
	settings: AuthSettings,
	user: UserRow,
	sessionId: string,
	amr: AmrEntry[],
	now = Math.floor(Date.now() / 1000)
) {
	const exp = now + settings.jwt.expSeconds;
	const claims: JWTPayload & Record<string, unknown> = {
		sub: user.id,
		aud: user.aud,
		exp,
		iat: now
	};
	if (settings.jwt.issuer) claims.iss = settings.jwt.issuer;
	Object.assign(claims, {
		email: user.email ?? '',
		phone: user.phone ?? '',
		app_metadata: user.raw_app_meta_data ?? {},
		user_metadata: user.raw_user_meta_data ?? {},
		role: user.role,
		aal: 'aal1',
		amr,
		session_id: sessionId,
		is_anonymous: user.is_anonymous
	});
	// GoTrue's header: alg, then the signing key's kid (none for the secret), then typ.
	const { signer } = await keyringOf(settings.jwt);
	const token = await new SignJWT(claims)
		.setProtectedHeader({ alg: signer.alg, ...(signer.kid ? { kid: signer.kid } : {}), typ: 'JWT' })
		.sign(signer.key);
	return { token, exp };
}

export type Claims = JWTPayload & { role?: string; session_id?: string; email?: string };

const bearerPattern = /^bearer (\S+)$/i;

/** The bearer token of a request, or GoTrue's 401 when there is none. */
export function bearerToken(header: string | undefined): string {
	const match = header ? bearerPattern.exec(header) : null;
	if (!match)
		throw new ApiError(401, 'no_authorization', 'This endpoint requires a valid Bearer token');
	return match[1];
}

const prefix = 'invalid JWT: unable to parse or verify signature, ';
const invalid = (reason: string) => forbidden('bad_jwt', `${prefix}${reason}`);

function decodeHeader(token: string): JWTHeaderParameters {
	if (token.split('.').length !== 3)
		throw invalid('token is malformed: token contains an invalid number of segments');
	try {
		return decodeProtectedHeader(token) as JWTHeaderParameters;
	} catch (error) {
		throw invalid(`token is malformed: could not JSON decode header: ${(error as Error).message}`);
	}
}

/**
 * GoTrue's key choice (`parseJWTClaims`): the key named by `kid`, else the legacy secret for an
 * HS256 token, else the token is refused.
 */
function keyFor(ring: Keyring, header: JWTHeaderParameters) {
	const known = typeof header.kid === 'string' ? ring.byKid.get(header.kid) : undefined;
	if (known) return known;
	if (header.alg === 'HS256') return { alg: 'HS256', key: ring.secret };
	throw invalid(
		`token is unverifiable: error while executing keyfunc: unrecognized JWT kid ${header.kid ?? '<nil>'} for algorithm ${header.alg}`
	);
}

/** The reason golang-jwt gives for a signature that does not verify with that kind of key. */
const signatureFailure: Record<string, string> = {
	HS256: 'signature is invalid',
	ES256: 'crypto/ecdsa: verification error',
	RS256: 'crypto/rsa: verification error'
};

/**
 * Verifies a token as GoTrue does: its algorithm must be a valid method, the key is chosen by
 * `kid` (HS256 falls back to the secret), then the signature and the expiry; failures worded as
 * golang-jwt words them, behind GoTrue's prefix.
 */
export async function verifyJwt(settings: AuthSettings, token: string): Promise<Claims> {
	const header = decodeHeader(token);
	const ring = await keyringOf(settings.jwt);
	if (!header.alg || !ring.validMethods.includes(header.alg))
		throw invalid(`token signature is invalid: signing method ${header.alg} is invalid`);
	const { alg, key } = keyFor(ring, header);
	if (alg !== header.alg) throw invalid('token signature is invalid: key is of invalid type');
	try {
		const { payload } = await jwtVerify(token, key, { algorithms: [alg] });
		return payload as Claims;
	} catch (error) {
		if (error instanceof errors.JWTExpired)
			throw invalid('token has invalid claims: token is expired');
		if (error instanceof errors.JWSSignatureVerificationFailed)
			throw invalid(
				`token signature is invalid: ${signatureFailure[alg] ?? 'signature is invalid'}`
			);
		if (error instanceof errors.JWTClaimValidationFailed)
			throw invalid(`token has invalid claims: ${error.message}`);
		throw invalid(`token is malformed: ${(error as Error).message}`);
	}
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The checks GET/PUT /user and /logout apply to the claims before loading the user. */
export function requireUserClaims(settings: AuthSettings, claims: Claims, requestAud?: string) {
	const aud = requestAud || settings.jwt.aud;
	const tokenAud = Array.isArray(claims.aud)
		? claims.aud
		: claims.aud === undefined
			? []
			: [claims.aud];
	if (tokenAud.length && !tokenAud.includes(aud))
		throw badRequest('validation_failed', "Token audience doesn't match request audience");
	if (!claims.sub) throw forbidden('bad_jwt', 'invalid claim: missing sub claim');
	if (!uuidPattern.test(claims.sub))
		throw badRequest('bad_jwt', 'invalid claim: sub claim must be a UUID');
	return claims.sub;
}

/** Admin endpoints: a verified JWT whose role is an admin role. */
export function requireAdmin(settings: AuthSettings, claims: Claims) {
	if (!claims.role || !settings.jwt.adminRoles.includes(claims.role))
		throw forbidden('not_admin', 'User not allowed');
}

export const isUuid = (value: string) => uuidPattern.test(value);
