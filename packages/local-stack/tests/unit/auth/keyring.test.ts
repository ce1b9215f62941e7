import { decodeProtectedHeader, exportJWK, generateKeyPair, SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { verifyJwt } from '../../../src/auth/jwt.ts';
import { gotruePublicJwk, keyringOf } from '../../../src/auth/keyring.ts';
import type { AuthSettings } from '../../../src/auth/settings.ts';
import type { Jwk } from '../../../src/config/signing-keys.ts';

const secret = 'super-secret-jwt-token-with-at-least-32-characters-long';

async function ecKey(kid: string, ops = ['sign', 'verify']): Promise<Jwk> {
	const { privateKey } = await generateKeyPair('ES256', { extractable: true });
	return {
		...(await exportJWK(privateKey)),
		kty: 'EC',
		kid,
		alg: 'ES256',
		key_ops: ops,
		use: 'sig',
		ext: true
	};
}

const settingsWith = (keys?: Jwk[]) =>
	({ jwt: { secret, keys, validMethods: ['HS256', 'RS256', 'ES256'] } }) as unknown as AuthSettings;

describe('the auth server’s keys (GoTrue’s GOTRUE_JWT_KEYS and secret)', () => {
	it('publishes a key as GoTrue does: public members sorted, use sig, key_ops verify', async () => {
		const key = await ecKey('k1');
		expect(Object.keys(gotruePublicJwk(key))).toEqual([
			'alg',
			'crv',
			'ext',
			'key_ops',
			'kid',
			'kty',
			'use',
			'x',
			'y'
		]);
		expect(gotruePublicJwk(key)).toMatchObject({ key_ops: ['verify'], use: 'sig' });
		const ring = await keyringOf(
			settingsWith([key, { kty: 'oct', k: 'c2VjcmV0', kid: 'old' }]).jwt
		);
		expect(ring.published.map((k) => k.kid)).toEqual(['k1']);
	});

	it('needs exactly one key that may sign', async () => {
		await expect(keyringOf(settingsWith([await ecKey('a', ['verify'])]).jwt)).rejects.toThrow(
			'no signing key detected'
		);
		await expect(keyringOf(settingsWith([await ecKey('a'), await ecKey('b')]).jwt)).rejects.toThrow(
			'multiple signing keys detected, only 1 signing key is supported'
		);
	});

	it('without keys, signs with the secret and publishes nothing', async () => {
		const ring = await keyringOf(settingsWith().jwt);
		expect(ring.signer.alg).toBe('HS256');
		expect(ring.published).toEqual([]);
	});
});

describe('verifying a token as GoTrue does', () => {
	const claims = { sub: crypto.randomUUID(), role: 'authenticated' };

	it('takes the key its kid names, falling back to the secret for HS256 alone', async () => {
		const key = await ecKey('k1');
		const settings = settingsWith([key]);
		const { signer } = await keyringOf(settings.jwt);
		const es = await new SignJWT(claims)
			.setProtectedHeader({ alg: 'ES256', kid: 'k1', typ: 'JWT' })
			.setExpirationTime('5m')
			.sign(signer.key);
		expect((await verifyJwt(settings, es)).sub).toBe(claims.sub);
		expect(decodeProtectedHeader(es).kid).toBe('k1');
		const hs = await new SignJWT(claims)
			.setProtectedHeader({ alg: 'HS256' })
			.setExpirationTime('5m')
			.sign(new TextEncoder().encode(secret));
		expect((await verifyJwt(settings, hs)).sub).toBe(claims.sub);
	});

	it('words its refusals as golang-jwt does', async () => {
		const settings = settingsWith([await ecKey('k1')]);
		const stranger = await generateKeyPair('ES256');
		const unknownKid = await new SignJWT(claims)
			.setProtectedHeader({ alg: 'ES256', kid: 'nope' })
			.sign(stranger.privateKey);
		const noKid = await new SignJWT(claims)
			.setProtectedHeader({ alg: 'ES256' })
			.sign(stranger.privateKey);
		const wrongKey = await new SignJWT(claims)
			.setProtectedHeader({ alg: 'ES256', kid: 'k1' })
			.sign(stranger.privateKey);
		const prefix = 'invalid JWT: unable to parse or verify signature, ';
		await expect(verifyJwt(settings, unknownKid)).rejects.toMatchObject({
			status: 403,
			errorCode: 'bad_jwt',
			message: `${prefix}token is unverifiable: error while executing keyfunc: unrecognized JWT kid nope for algorithm ES256`
		});
		await expect(verifyJwt(settings, noKid)).rejects.toMatchObject({
			message: expect.stringMatching(/unrecognized JWT kid <nil> for algorithm ES256$/)
		});
		await expect(verifyJwt(settings, wrongKey)).rejects.toMatchObject({
			message: `${prefix}token signature is invalid: crypto/ecdsa: verification error`
		});
		await expect(verifyJwt(settings, 'a.b')).rejects.toMatchObject({
			message: `${prefix}token is malformed: token contains an invalid number of segments`
		});
		const onlyHs = { jwt: { ...settings.jwt, validMethods: ['HS256'] } } as AuthSettings;
		await expect(verifyJwt(onlyHs, wrongKey)).rejects.toMatchObject({
			message: `${prefix}token signature is invalid: signing method ES256 is invalid`
		});
	});
});
