import { importJWK, type CryptoKey } from 'jose';
import { keyMaterial, privateFields, type Jwk } from '../config/signing-keys.ts';

/**
 * The auth server's JWT keys, as GoTrue builds them from `GOTRUE_JWT_KEYS` and
 * `GOTRUE_JWT_SECRET` (`internal/conf/jwk.go`): exactly one key may sign (its `key_ops` holds
 * "sign"), every key verifies the tokens naming its `kid`, and the legacy secret still verifies
 * HS256 tokens without a known `kid`. Without keys, the secret signs, as before signing keys.
 */
export interface Keyring {
	signer: { alg: string; kid?: string; key: CryptoKey | Uint8Array };
	/** Verification keys by `kid` (an `oct` key verifies with its secret bytes). */
	byKid: Map<string, { alg: string; key: CryptoKey | Uint8Array }>;
	secret: Uint8Array;
	/** `GOTRUE_JWT_VALID_METHODS`: the algorithms a token may use at all. */
	validMethods: string[];
	/** What `/.well-known/jwks.json` publishes: the asymmetric keys' public halves, never an `oct` key. */
	published: Jwk[];
}

export interface JwtKeySettings {
	secret: string;
	keys?: Jwk[];
	validMethods?: string[];
}

/** A key as GoTrue publishes it: private members gone, `use` "sig", `key_ops` ["verify"], members sorted (jwx). */
export function gotruePublicJwk(key: Jwk): Jwk {
	const entries = Object.entries({ ...key, use: 'sig', key_ops: ['verify'] }).filter(
		([name]) => !privateFields.includes(name)
	);
	return Object.fromEntries(entries.sort(([a], [b]) => (a < b ? -1 : 1))) as Jwk;
}

/** GoTrue's signing algorithm for a key (`GetSigningAlg`): its `alg`, HS256 for a secret. */
const algOf = (key: Jwk) => (key.kty === 'oct' ? 'HS256' : String(key.alg));

async function verificationKey(key: Jwk) {
	if (key.kty === 'oct') return Buffer.from(String(key.k ?? ''), 'base64url');
	return importJWK(keyMaterial(key, true), algOf(key)) as Promise<CryptoKey>;
}

async function signingKey(key: Jwk) {
	if (key.kty === 'oct') return Buffer.from(String(key.k ?? ''), 'base64url');
	return importJWK(keyMaterial(key), algOf(key)) as Promise<CryptoKey>;
}

async function createKeyring(settings: JwtKeySettings): Promise<Keyring> {
	const secret = new TextEncoder().encode(settings.secret);
	const keys = settings.keys ?? [];
	if (keys.length === 0) {
		return {
			signer: { alg: 'HS256', key: secret },
			byKid: new Map(),
			secret,
			validMethods: settings.validMethods ?? ['HS256'],
			published: []
		};
	}
	const signers = keys.filter((key) => key.key_ops?.includes('sign'));
	if (signers.length === 0) throw new Error('no signing key detected');
	if (signers.length > 1)
		throw new Error('multiple signing keys detected, only 1 signing key is supported');
	const byKid: Keyring['byKid'] = new Map();
	for (const key of keys)
		byKid.set(key.kid ?? '', { alg: algOf(key), key: await verificationKey(key) });
	const [signer] = signers;
	return {
		signer: { alg: algOf(signer), kid: signer.kid, key: await signingKey(signer) },
		byKid,
		secret,
		validMethods: settings.validMethods ?? keys.map(algOf),
		published: keys.filter((key) => key.kty !== 'oct').map(gotruePublicJwk)
	};
}

const rings = new WeakMap<JwtKeySettings, Promise<Keyring>>();

/** The keyring of these settings, imported once. */
export function keyringOf(settings: JwtKeySettings): Promise<Keyring> {
	let ring = rings.get(settings);
	if (!ring) {
		ring = createKeyring(settings);
		rings.set(settings, ring);
	}
	return ring;
}
