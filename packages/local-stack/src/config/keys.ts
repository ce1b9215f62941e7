import { importJWK, SignJWT } from 'jose';
import { keyMaterial, type Jwk } from './signing-keys.ts';
import type { AuthConfig } from './supabase-config.ts';

/**
 * The Supabase CLI's fixed local API keys (`pkg/config/apikeys.go`): every `supabase start`
 * prints these, so they are public and fit both stacks. Opaque strings, not JWTs: the gateway
 * swaps them for the role's JWT before a request reaches a service.
 */
export const LOCAL_PUBLISHABLE_KEY = 'sb_publishable_ACJWlzQHlZjBrEguHvfOxg_3BJgxAaH';
export const LOCAL_SECRET_KEY = 'sb_secret_N7UND0UgjKTVK-Uodkm0Hg_xSvEMPvz';

/** The CLI's demo keys expire in 2032 when signed with the secret, ten years on with a signing key. */
const legacyExpiry = 1983812996;
const tenYears = 10 * 365 * 24 * 3600;

export interface ApiKeys {
	publishable: string;
	secret: string;
	/** The legacy JWT keys, still accepted everywhere. */
	anon: string;
	serviceRole: string;
	jwtSecret: string;
}

/**
 * The legacy anon and service_role keys as the CLI makes them (`generateAPIKeys`): with signing
 * keys, signed by the first one (so they verify against the JWKS, like user tokens); otherwise
 * HS256 with the JWT secret, which gives the very keys `supabase start` prints.
 */
async function signLegacyKey(role: string, auth: AuthConfig, now: number) {
	const signer: Jwk | undefined = auth.signingKeys?.[0];
	if (!signer) {
		return new SignJWT({ iss: 'supabase-demo', role, exp: legacyExpiry })
			.setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
			.sign(new TextEncoder().encode(auth.jwtSecret));
	}
	const alg = signer.alg as string;
	const header = { alg, ...(signer.kid ? { kid: signer.kid } : {}), typ: 'JWT' };
	return new SignJWT({ iss: 'supabase-demo', role, exp: now + tenYears })
		.setProtectedHeader(header)
		.sign(await importJWK(keyMaterial(signer), alg));
}

/** The project's API keys: configured ones win, the rest are derived as the CLI derives them. */
export async function apiKeys(auth: AuthConfig, now = Math.floor(Date.now() / 1000)) {
	return {
		publishable: auth.keys.publishable ?? LOCAL_PUBLISHABLE_KEY,
		secret: auth.keys.secret ?? LOCAL_SECRET_KEY,
		anon: auth.keys.anon ?? (await signLegacyKey('anon', auth, now)),
		serviceRole: auth.keys.serviceRole ?? (await signLegacyKey('service_role', auth, now)),
		jwtSecret: auth.jwtSecret
	} satisfies ApiKeys;
}
