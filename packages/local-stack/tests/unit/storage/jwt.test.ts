import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import {
	callerOf,
	signUrlToken,
	verifyJwt,
	verifyUrlToken,
	type JwtKeys
} from '../../../src/storage/jwt.ts';

const secret = new TextEncoder().encode('super-secret-jwt-token-with-at-least-32-characters-long');
const hs256 = (claims: Record<string, unknown>, key = secret) =>
	new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).setExpirationTime('1h').sign(key);
const failure = (promise: Promise<unknown>) =>
	promise.then(
		() => 'accepted',
		(error: { code?: string; message: string }) => `${error.code ?? ''} ${error.message}`.trim()
	);

describe('verifyJwt', () => {
	it('accepts the project secret and refuses another', async () => {
		expect(await verifyJwt(await hs256({ role: 'anon' }), { secret })).toMatchObject({
			role: 'anon'
		});
		expect(
			await failure(
				verifyJwt(await hs256({}, new TextEncoder().encode('x'.repeat(40))), { secret })
			)
		).toBe('ERR_JWS_SIGNATURE_VERIFICATION_FAILED signature verification failed');
	});

	it('accepts an ES256 token whose kid is in the JWKS, and no other asymmetric key', async () => {
		const { privateKey, publicKey } = await generateKeyPair('ES256');
		const jwk = { ...(await exportJWK(publicKey)), kid: 'key-1', alg: 'ES256' };
		const keys: JwtKeys = { secret, jwks: { keys: [jwk] } };
		const token = await new SignJWT({ role: 'authenticated', sub: 'u1' })
			.setProtectedHeader({ alg: 'ES256', kid: 'key-1' })
			.setExpirationTime('1h')
			.sign(privateKey);
		expect(await verifyJwt(token, keys)).toMatchObject({ sub: 'u1' });
		expect(await failure(verifyJwt(token, { secret }))).toMatch(
			/"alg" \(Algorithm\) Header Parameter value not allowed/
		);
		const other = await generateKeyPair('ES256');
		const forged = await new SignJWT({ role: 'service_role' })
			.setProtectedHeader({ alg: 'ES256', kid: 'key-1' })
			.setExpirationTime('1h')
			.sign(other.privateKey);
		expect(await failure(verifyJwt(forged, keys))).toMatch(/signature verification failed/);
	});
});

describe('callerOf', () => {
	it('reads the role and the owner (sub), defaulting to anon', async () => {
		const caller = await callerOf(`Bearer ${await hs256({ role: 'authenticated', sub: 'u1' })}`, {
			secret
		});
		expect(caller).toMatchObject({ role: 'authenticated', owner: 'u1', authenticated: true });
		expect((await callerOf(`Bearer ${await hs256({})}`, { secret })).role).toBe('anon');
	});

	it('refuses a bad token as AccessDenied with the verifier’s message', async () => {
		expect(await failure(callerOf('Bearer nope', { secret }))).toBe(
			'AccessDenied Invalid Compact JWS'
		);
	});
});

describe('signed URL tokens', () => {
	it('open the object they name, for the use they name', async () => {
		const download = await signUrlToken({ url: 'b/a.pdf', scope: 'download' }, secret, 60);
		expect(await verifyUrlToken(download, 'b/a.pdf', 'download', { secret })).toMatchObject({
			url: 'b/a.pdf'
		});
		expect(await failure(verifyUrlToken(download, 'b/other.pdf', 'download', { secret }))).toBe(
			'InvalidSignature Invalid signature'
		);
		expect(await failure(verifyUrlToken(download, 'b/a.pdf', 'upload', { secret }))).toBe(
			'InvalidSignature Token is not scoped for upload'
		);
	});

	it('read an unscoped token as storage-api’s older ones: with upsert for upload, else download', async () => {
		const legacyUpload = await hs256({ url: 'b/a.pdf', upsert: false });
		expect(await failure(verifyUrlToken(legacyUpload, 'b/a.pdf', 'download', { secret }))).toBe(
			'InvalidSignature Token is not scoped for download'
		);
		expect(await verifyUrlToken(legacyUpload, 'b/a.pdf', 'upload', { secret })).toMatchObject({
			upsert: false
		});
	});

	it('refuse an expired token as InvalidJWT', async () => {
		const expired = await new SignJWT({ url: 'b/a.pdf', scope: 'download' })
			.setProtectedHeader({ alg: 'HS256' })
			.setExpirationTime(Math.floor(Date.now() / 1000) - 5)
			.sign(secret);
		expect(await failure(verifyUrlToken(expired, 'b/a.pdf', 'download', { secret }))).toBe(
			'InvalidJWT "exp" claim timestamp check failed'
		);
	});
});
