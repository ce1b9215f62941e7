import { createHash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';

/** A uniformly random OTP of `length` digits (6..10, else 6, as GoTrue clamps it), zero-padded. */
export function generateOtp(length: number): string {
	const digits = length >= 6 && length <= 10 ? length : 6;
	// randomInt's range is limited to 2^48, enough for 10 digits.
	return String(randomInt(0, 10 ** digits)).padStart(digits, '0');
}

/** GoTrue's stored token: lowercase hex SHA-224 of the lowercased email followed by the OTP. */
export function tokenHash(email: string, otp: string): string {
	return createHash('sha224')
		.update(email.toLowerCase() + otp)
		.digest('hex');
}

const base32 = 'abcdefghijklmnopqrstuvwxyz234567';

/** A refresh token as GoTrue v2 makes them: 12 lowercase base32 characters. */
export function generateRefreshToken(): string {
	return [...randomBytes(12)].map((b) => base32[b & 31]).join('');
}

/** The shape GoTrue accepts before looking a refresh token up. */
export const isWellFormedRefreshToken = (token: string) => /^[a-z0-9]{12}$/.test(token);

export type ChallengeMethod = 's256' | 'plain';

/** PKCE: S256 compares base64url(sha256(verifier)) with the challenge; plain compares the strings. */
export function verifierMatches(
	method: ChallengeMethod,
	challenge: string,
	verifier: string
): boolean {
	const computed =
		method === 's256' ? createHash('sha256').update(verifier).digest('base64url') : verifier;
	const a = Buffer.from(computed);
	const b = Buffer.from(challenge);
	return a.length === b.length && timingSafeEqual(a, b);
}

/** GoTrue's checks on the PKCE pair of /otp; returns the error message, or undefined when valid. */
export function pkceParamsError(challenge: unknown, method: unknown): string | undefined {
	const hasChallenge = typeof challenge === 'string' && challenge !== '';
	const hasMethod = typeof method === 'string' && method !== '';
	if (!hasChallenge && !hasMethod) return undefined;
	if (!hasChallenge || !hasMethod)
		return 'PKCE flow requires code_challenge_method and code_challenge';
	if (!['s256', 'plain'].includes((method as string).toLowerCase())) {
		return `code challenge method ${method as string} not supported`;
	}
	const c = challenge as string;
	if (c.length < 43 || c.length > 128)
		return 'code challenge has to be between 43 and 128 characters';
	if (!/^[A-Za-z0-9._~-]+$/.test(c))
		return 'code challenge can only contain alphanumeric characters, hyphens, periods, underscores and tildes';
	return undefined;
}

/** Go's url.QueryEscape: like encodeURIComponent, but spaces become `+` and `!'()*` are escaped. */
export const goQueryEscape = (value: string) =>
	encodeURIComponent(value)
		.replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
		.replace(/%20/g, '+');
