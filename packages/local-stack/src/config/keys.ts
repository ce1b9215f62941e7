import { SignJWT } from 'jose';

/**
 * The anon and service_role keys, signed as the Supabase CLI signs its demo keys (same claims,
 * same secret by default), so a `.env` written for one stack works against the other.
 */
export async function apiKeys(jwtSecret: string) {
	const secret = new TextEncoder().encode(jwtSecret);
	const sign = (role: string) =>
		new SignJWT({ iss: 'supabase-demo', role, exp: 1983812996 })
			.setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
			.sign(secret);
	return { anon: await sign('anon'), serviceRole: await sign('service_role'), jwtSecret };
}
