import {
	createLocalJWKSet,
	decodeProtectedHeader,
	generateKeyPair,
	jwtVerify,
	SignJWT,
	type JSONWebKeySet
} from 'jose';
import { describe, expect, it } from 'vitest';
import { uniqueEmail } from '../../../src/testing/mail.ts';
import { adminClient, anonClient, authFetch, confirmedUser, env } from './helpers.ts';

/**
 * JWT signing keys, in whichever mode the stack runs: the shipped config.toml signs with an
 * asymmetric key (`signing_keys_path`), a project without one with the legacy secret (`npm test`
 * runs this suite in both). Either way the legacy secret still verifies HS256 tokens and the
 * legacy anon and service_role keys keep working, as GoTrue does with GOTRUE_JWT_KEYS and
 * GOTRUE_JWT_SECRET together.
 */
const signingKeys = env.config.auth.signingKeys ?? [];
const signer = signingKeys.find((key) => key.key_ops?.includes('sign'));
const mode = signer ? String(signer.alg) : 'HS256';
const secret = new TextEncoder().encode(env.jwtSecret);

/** A real session through the admin link, as the store mints the return-path session. */
async function session() {
	const email = uniqueEmail(`keys-${mode}`);
	const user = await confirmedUser(email);
	const { data } = await adminClient().auth.admin.generateLink({ type: 'magiclink', email });
	const verified = await anonClient().auth.verifyOtp({
		type: 'magiclink',
		token_hash: data.properties!.hashed_token
	});
	expect(verified.error).toBeNull();
	return { user, accessToken: verified.data.session!.access_token };
}

const jwks = async () => (await authFetch('/.well-known/jwks.json', { apiVersion: false })).json;

describe(`JWT signing keys (${mode})`, () => {
	it('publishes the public half of each asymmetric key, never a private member nor the secret', async () => {
		const published = (await jwks()) as unknown as JSONWebKeySet;
		expect(published.keys).toHaveLength(signingKeys.length);
		for (const key of signingKeys) {
			const found = published.keys.find((k) => k.kid === key.kid);
			expect(found).toMatchObject({
				kty: key.kty,
				alg: key.alg,
				use: 'sig',
				key_ops: ['verify'],
				...(key.kty === 'EC' ? { crv: key.crv, x: key.x, y: key.y } : { n: key.n, e: key.e })
			});
			for (const member of ['d', 'p', 'q', 'dp', 'dq', 'qi', 'k'])
				expect(found).not.toHaveProperty(member);
		}
	});

	it('signs access tokens with the signing key (its kid in the header), or the secret without one', async () => {
		const { accessToken } = await session();
		const header = decodeProtectedHeader(accessToken);
		if (signer) {
			expect(header).toEqual({ alg: signer.alg, kid: signer.kid, typ: 'JWT' });
			const keys = createLocalJWKSet((await jwks()) as unknown as JSONWebKeySet);
			await expect(jwtVerify(accessToken, keys)).resolves.toBeTruthy();
		} else {
			expect(header).toEqual({ alg: 'HS256', typ: 'JWT' });
			await expect(jwtVerify(accessToken, secret)).resolves.toBeTruthy();
		}
		expect((await authFetch('/user', { token: accessToken })).status).toBe(200);
	});

	it('still accepts a token signed with the legacy secret', async () => {
		const { user } = await session();
		const token = await new SignJWT({ sub: user.id, aud: 'authenticated', role: 'authenticated' })
			.setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
			.setExpirationTime('10m')
			.sign(secret);
		expect(await authFetch('/user', { token })).toMatchObject({
			status: 200,
			json: { id: user.id }
		});
	});

	it('refuses a token whose signature was changed (403 bad_jwt)', async () => {
		const { accessToken } = await session();
		const [header, payload, signature] = accessToken.split('.');
		const flipped = `${signature[0] === 'A' ? 'B' : 'A'}${signature.slice(1)}`;
		const r = await authFetch('/user', { token: `${header}.${payload}.${flipped}` });
		expect(r).toMatchObject({ status: 403, json: { code: 'bad_jwt' } });
		expect(r.json.message).toMatch(
			/^invalid JWT: unable to parse or verify signature, token signature is invalid/
		);
	});

	it('refuses an ES256 token from a key it does not know (403 bad_jwt)', async () => {
		const { user } = await session();
		const { privateKey } = await generateKeyPair('ES256');
		const token = await new SignJWT({ sub: user.id, aud: 'authenticated', role: 'authenticated' })
			.setProtectedHeader({ alg: 'ES256', kid: crypto.randomUUID(), typ: 'JWT' })
			.setExpirationTime('10m')
			.sign(privateKey);
		const r = await authFetch('/user', { token });
		expect(r).toMatchObject({ status: 403, json: { code: 'bad_jwt' } });
		expect(r.json.message).toMatch(/unrecognized JWT kid/);
	});

	it('keeps the legacy keys working: service_role administers, anon is no admin', async () => {
		expect(await authFetch('/admin/users?per_page=1', { token: env.serviceRoleKey })).toMatchObject(
			{
				status: 200
			}
		);
		expect(await authFetch('/admin/users?per_page=1', { token: env.anonKey })).toMatchObject({
			status: 403,
			json: { code: 'not_admin' }
		});
		expect(decodeProtectedHeader(env.serviceRoleKey).alg).toBe(mode);
	});
});
