import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { checkFunctionJwt, functionJwtKeys } from '../../../src/gateway/jwt.ts';

const secret = 'super-secret-jwt-token-with-at-least-32-characters-long';
const { privateKey, publicKey } = await generateKeyPair('ES256');
const keys = functionJwtKeys(
	secret,
	JSON.stringify({ keys: [{ ...(await exportJWK(publicKey)), kid: 'k1', alg: 'ES256' }] })
);
const sign = (alg: string, key: CryptoKey | Uint8Array, kid?: string) =>
	new SignJWT({ role: 'authenticated' })
		.setProtectedHeader({ alg, ...(kid ? { kid } : {}) })
		.setExpirationTime('5m')
		.sign(key);

describe('verify_jwt (the CLI edge runtime’s hybrid check)', () => {
	it('accepts HS256 with the legacy secret and ES256 from the JWKS', async () => {
		expect(
			await checkFunctionJwt(
				`Bearer ${await sign('HS256', new TextEncoder().encode(secret))}`,
				keys
			)
		).toBeUndefined();
		expect(
			await checkFunctionJwt(`Bearer ${await sign('ES256', privateKey, 'k1')}`, keys)
		).toBeUndefined();
	});

	it('answers the runtime’s 401 bodies', async () => {
		const other = await generateKeyPair('ES256');
		expect(await checkFunctionJwt(undefined, keys)).toEqual({
			msg: 'Error: Missing authorization header'
		});
		expect(await checkFunctionJwt('sb_publishable_x', keys)).toEqual({
			msg: "Error: Auth header is not 'Bearer {token}'"
		});
		expect(
			await checkFunctionJwt(`Bearer ${await sign('ES256', other.privateKey, 'k1')}`, keys)
		).toEqual({ msg: 'Invalid JWT' });
		expect(
			await checkFunctionJwt(
				`Bearer ${await sign('HS256', new TextEncoder().encode('another-secret-of-32-characters-at-least'))}`,
				keys
			)
		).toEqual({
			msg: 'Invalid JWT'
		});
		expect((await checkFunctionJwt('Bearer sb_publishable_x', keys))?.msg).toBe(
			'TypeError: Invalid Token or Protected Header formatting'
		);
	});
});
