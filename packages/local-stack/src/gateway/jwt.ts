import { jwtVerify } from 'jose';

/**
 * The edge runtime's `verify_jwt` check: a bearer token signed with the project's JWT secret
 * (the anon key passes, as it does on Supabase). Returns an error body, or undefined when valid.
 */
export async function checkFunctionJwt(
	authorization: string | undefined,
	secret: Uint8Array
): Promise<{ code: string; message: string } | undefined> {
	const token = /^bearer (\S+)$/i.exec(authorization ?? '')?.[1];
	if (!token)
		return { code: 'UNAUTHORIZED_NO_AUTH_HEADER', message: 'Missing authorization header' };
	try {
		await jwtVerify(token, secret, { algorithms: ['HS256'] });
		return undefined;
	} catch {
		return { code: 'UNAUTHORIZED_INVALID_JWT_FORMAT', message: 'Invalid JWT' };
	}
}
