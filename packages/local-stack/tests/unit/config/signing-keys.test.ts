import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { exportJWK, generateKeyPair, importJWK } from 'jose';
import { describe, expect, it } from 'vitest';
import {
	functionsJwks,
	keyMaterial,
	publicJwk,
	readSigningKeys,
	type Jwk
} from '../../../src/config/signing-keys.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'signing-keys-'));
const file = (name: string, content: unknown) => {
	const target = path.join(dir, name);
	writeFileSync(target, typeof content === 'string' ? content : JSON.stringify(content));
	return target;
};

/** A key as `supabase gen signing-key` writes it. */
async function cliKey(): Promise<Jwk> {
	const { privateKey } = await generateKeyPair('ES256', { extractable: true });
	const { d, crv, x, y } = await exportJWK(privateKey);
	return {
		kty: 'EC',
		kid: crypto.randomUUID(),
		use: 'sig',
		key_ops: ['sign', 'verify'],
		alg: 'ES256',
		ext: true,
		d,
		crv,
		x,
		y
	};
}

describe('the signing keys file', () => {
	it('reads what `supabase gen signing-key` writes', async () => {
		const key = await cliKey();
		expect(readSigningKeys(file('ok.json', [key]))).toEqual([key]);
	});

	it('refuses what Auth could not sign with, naming the file and the key', () => {
		expect(() => readSigningKeys(path.join(dir, 'missing.json'))).toThrow(
			/failed to read signing keys .*missing\.json/
		);
		expect(() => readSigningKeys(file('object.json', { kty: 'EC' }))).toThrow(
			/expected a JSON array/
		);
		expect(() => readSigningKeys(file('bad.json', '[{'))).toThrow(/failed to read signing keys/);
		expect(() => readSigningKeys(file('hs.json', [{ kty: 'oct', k: 'c2VjcmV0' }]))).toThrow(
			/signing key 0 of .*hs\.json: unsupported key type "oct"/
		);
		expect(() => readSigningKeys(file('rs.json', [{ kty: 'EC', alg: 'RS256' }]))).toThrow(/ES256/);
		expect(() =>
			readSigningKeys(
				file('curve.json', [{ kty: 'EC', alg: 'ES256', crv: 'P-384', x: 'a', y: 'b', d: 'c' }])
			)
		).toThrow(/P-256/);
	});
});

describe('keys as functions and WebCrypto get them', () => {
	it('publishes the public half only, with key_ops reduced to verify (the CLI’s ToPublicJWK)', async () => {
		const key = await cliKey();
		expect(publicJwk(key)).toEqual({
			kty: 'EC',
			kid: key.kid,
			use: 'sig',
			key_ops: ['verify'],
			alg: 'ES256',
			ext: true,
			crv: 'P-256',
			x: key.x,
			y: key.y
		});
	});

	it('SUPABASE_JWKS: the public keys, or the legacy secret as an oct key when there are none', async () => {
		const key = await cliKey();
		expect(JSON.parse(functionsJwks([key], 'secret'))).toEqual({ keys: [publicJwk(key)] });
		expect(JSON.parse(functionsJwks(undefined, 'secret'))).toEqual({
			keys: [{ kty: 'oct', k: Buffer.from('secret').toString('base64url') }]
		});
	});

	it('pads coordinates the CLI writes without their leading zero bytes', async () => {
		const key = await cliKey();
		const short = {
			...key,
			x: Buffer.from(Buffer.from(key.x as string, 'base64url').subarray(0, 31)).toString(
				'base64url'
			)
		};
		expect(Buffer.from(keyMaterial(short).x as string, 'base64url')).toHaveLength(32);
		expect(keyMaterial(key, true)).not.toHaveProperty('d');
		await expect(importJWK(keyMaterial(key), 'ES256')).resolves.toBeTruthy();
	});
});
