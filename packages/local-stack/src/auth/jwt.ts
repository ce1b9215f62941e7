import { errors, jwtVerify, SignJWT, type JWTPayload } from 'jose';
import { ApiError, badRequest, forbidden } from './errors.ts';
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
	const token = await new SignJWT(claims)
		.setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
		.sign(new TextEncoder().encode(settings.jwt.secret));
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

/** Verifies an HS256 token with the stack's secret, answering as GoTrue (golang-jwt) words its failures. */
export async function verifyJwt(settings: AuthSettings, token: string): Promise<Claims> {
	try {
		const { payload } = await jwtVerify(token, new TextEncoder().encode(settings.jwt.secret), {
			algorithms: ['HS256']
		});
		return payload as Claims;
	} catch (error) {
		if (error instanceof errors.JWTExpired)
			throw forbidden('bad_jwt', `${prefix}token has invalid claims: token is expired`);
		if (error instanceof errors.JWSSignatureVerificationFailed) {
			throw forbidden('bad_jwt', `${prefix}token signature is invalid: signature is invalid`);
		}
		if (error instanceof errors.JWTClaimValidationFailed) {
			throw forbidden('bad_jwt', `${prefix}token has invalid claims: ${error.message}`);
		}
		if (error instanceof errors.JOSEAlgNotAllowed) {
			throw forbidden(
				'bad_jwt',
				`${prefix}token is unverifiable: signing method ${tokenAlg(token)} is invalid`
			);
		}
		throw forbidden('bad_jwt', `${prefix}token is malformed: ${(error as Error).message}`);
	}
}

function tokenAlg(token: string) {
	try {
		return JSON.parse(Buffer.from(token.split('.')[0], 'base64url').toString()).alg as string;
	} catch {
		return 'unknown';
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
