import { readFileSync } from 'node:fs';

/**
 * `[auth] signing_keys_path`: the asymmetric JWT signing keys of a project, a JSON array of
 * private JWKs as `supabase gen signing-key` writes it (ES256 on P-256 by default, or RS256).
 * The Supabase CLI hands the array to Auth as `GOTRUE_JWT_KEYS`, signs the anon and
 * service_role keys with the first one, and gives functions the public halves as `SUPABASE_JWKS`.
 */
export interface Jwk {
	kty: string;
	kid?: string;
	use?: string;
	key_ops?: string[];
	alg?: string;
	ext?: boolean;
	[field: string]: unknown;
}

export type SigningAlg = 'ES256' | 'RS256';

/** The members the CLI's JWK type knows, in its order: what a public key keeps, then the private ones. */
const publicFields = ['kty', 'kid', 'use', 'key_ops', 'alg', 'ext', 'n', 'e', 'crv', 'x', 'y'];
export const privateFields = ['d', 'p', 'q', 'dp', 'dq', 'qi'];

const isBase64url = (value: unknown) => typeof value === 'string' && /^[\w-]+$/.test(value);

/** Why a key of the file cannot sign as the CLI and Auth expect, or undefined when it can. */
function problemOf(key: Record<string, unknown>): string | undefined {
	if (key.kty === 'EC') {
		if (key.alg !== 'ES256')
			return `an EC key needs "alg": "ES256" (got ${JSON.stringify(key.alg)})`;
		if (key.crv !== 'P-256') return `an ES256 key needs "crv": "P-256"`;
		for (const field of ['x', 'y', 'd'])
			if (!isBase64url(key[field])) return `"${field}" must be base64url`;
		return undefined;
	}
	if (key.kty === 'RSA') {
		if (key.alg !== 'RS256')
			return `an RSA key needs "alg": "RS256" (got ${JSON.stringify(key.alg)})`;
		for (const field of ['n', 'e', 'd', 'p', 'q'])
			if (!isBase64url(key[field])) return `"${field}" must be base64url`;
		return undefined;
	}
	return `unsupported key type ${JSON.stringify(key.kty)} (the CLI signs with EC or RSA keys)`;
}

/** The keys of a signing keys file; an unreadable or malformed file fails naming it and the key. */
export function readSigningKeys(file: string): Jwk[] {
	let parsed: unknown;
	try {
		parsed = JSON.parse(readFileSync(file, 'utf8'));
	} catch (error) {
		throw new Error(`failed to read signing keys ${file}: ${(error as Error).message}`, {
			cause: error
		});
	}
	if (!Array.isArray(parsed))
		throw new Error(`failed to decode signing keys ${file}: expected a JSON array of JWKs`);
	return parsed.map((key: unknown, index) => {
		const problem =
			key && typeof key === 'object' && !Array.isArray(key)
				? problemOf(key as Record<string, unknown>)
				: 'not a JSON object';
		if (problem) throw new Error(`signing key ${index} of ${file}: ${problem}`);
		return key as Jwk;
	});
}

/** A base64url big-endian number left-padded to `size` bytes (Go's big.Int.Bytes() drops leading zeros). */
const padded = (value: string, size: number) => {
	const bytes = Buffer.from(value, 'base64url');
	return bytes.length >= size
		? value
		: Buffer.concat([Buffer.alloc(size - bytes.length), bytes]).toString('base64url');
};

/**
 * The key material alone, as WebCrypto imports it: no `key_ops`/`ext` (which would restrict the
 * import), EC coordinates padded to their 32 bytes (the CLI writes them unpadded). `publicOnly`
 * drops the private members.
 */
export function keyMaterial(key: Jwk, publicOnly = false): Jwk {
	const out: Record<string, unknown> = { kty: key.kty };
	const members =
		key.kty === 'EC' ? ['crv', 'x', 'y', 'd'] : ['n', 'e', 'd', 'p', 'q', 'dp', 'dq', 'qi'];
	for (const field of members) {
		if (key[field] === undefined || (publicOnly && privateFields.includes(field))) continue;
		out[field] = key.kty === 'EC' && field !== 'crv' ? padded(String(key[field]), 32) : key[field];
	}
	return out as Jwk;
}

/**
 * The public half of a key as the CLI publishes it to functions (`ToPublicJWK`): the private
 * members dropped, and of `key_ops` only "verify" kept.
 */
export function publicJwk(key: Jwk): Jwk {
	const out: Record<string, unknown> = {};
	for (const field of publicFields) {
		if (key[field] === undefined) continue;
		if (field === 'key_ops') {
			const ops = (key.key_ops ?? []).filter((op) => op === 'verify');
			if (ops.length) out.key_ops = ops;
		} else out[field] = key[field];
	}
	return out as Jwk;
}

/**
 * `SUPABASE_JWKS` as the CLI builds it for the edge runtime (`ResolveJWKS`): the public signing
 * keys, or, for a project without them, the legacy secret as an `oct` key.
 */
export function functionsJwks(signingKeys: Jwk[] | undefined, jwtSecret: string): string {
	const keys: Record<string, unknown>[] = (signingKeys ?? []).map(publicJwk);
	if (!signingKeys)
		keys.push({ kty: 'oct', k: Buffer.from(jwtSecret, 'utf8').toString('base64url') });
	return JSON.stringify({ keys });
}
