import { createServerClient, createChunks } from '@supabase/ssr';
import {
	createLocalJWKSet,
	exportJWK,
	generateKeyPair,
	SignJWT,
	type JWK,
	type JWTVerifyGetKey
} from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { cookieAccessToken, sessionCookieName, verifiedClaims } from './session';

const now = Date.UTC(2026, 11, 1, 12);
const seconds = (ms: number) => Math.floor(ms / 1000);
let signingKey: CryptoKey;
let otherKey: CryptoKey;
let keys: ReturnType<typeof createLocalJWKSet>;

beforeAll(async () => {
	const pair = await generateKeyPair('ES256');
	signingKey = pair.privateKey;
	otherKey = (await generateKeyPair('ES256')).privateKey;
	const jwk: JWK = { ...(await exportJWK(pair.publicKey)), kid: 'key-1', alg: 'ES256' };
	keys = createLocalJWKSet({ keys: [jwk] });
});

const token = (claims: Record<string, unknown>, key = signingKey, alg = 'ES256') =>
	new SignJWT({ role: 'authenticated', ...claims })
		.setProtectedHeader({ alg, kid: 'key-1' })
		.setSubject('9c6d0d4e-0c55-4f8a-a3e4-6b1f0c1f4a10')
		.setExpirationTime(seconds(now) + 3600)
		.sign(key);

describe('the session cookie', () => {
	const session = { access_token: 'the-token', refresh_token: 'r' };
	const read = (cookies: Record<string, string>) =>
		cookieAccessToken('sb-127-auth-token', (name) => cookies[name]);

	it('is named as supabase-js names its storage', () => {
		for (const url of ['http://127.0.0.1:54321', 'https://abcdefgh.supabase.co']) {
			const client = createServerClient(url, 'sb_publishable_x', {
				cookies: { getAll: () => [], setAll: () => {} }
			});
			expect(sessionCookieName(url)).toBe(
				(client.auth as unknown as { storageKey: string }).storageKey
			);
		}
	});

	it('gives the access token, as JSON, base64url or in chunks', async () => {
		const json = JSON.stringify(session);
		expect(await read({ 'sb-127-auth-token': json })).toBe('the-token');
		const encoded = `base64-${Buffer.from(json).toString('base64url')}`;
		expect(await read({ 'sb-127-auth-token': encoded })).toBe('the-token');
		const long = `base64-${Buffer.from(JSON.stringify({ ...session, pad: 'x'.repeat(5000) })).toString('base64url')}`;
		const chunks = createChunks('sb-127-auth-token', long);
		expect(chunks.length).toBeGreaterThan(1);
		expect(await read(Object.fromEntries(chunks.map((c) => [c.name, c.value])))).toBe('the-token');
	});

	it('gives nothing for no cookie or one that holds no session', async () => {
		expect(await read({})).toBeUndefined();
		expect(await read({ 'sb-127-auth-token': 'base64-e30' })).toBeUndefined();
		expect(await read({ 'sb-127-auth-token': 'not json' })).toBeUndefined();
		expect(await read({ 'sb-127-auth-token': 'null' })).toBeUndefined();
		expect(await read({ 'sb-127-auth-token': '{"access_token":42}' })).toBeUndefined();
	});
});

describe('a token verified from the project keys', () => {
	it('gives the claims of a token signed with a project key', async () => {
		const claims = await verifiedClaims(await token({ session_id: 's' }), keys, now);
		expect(claims).toMatchObject({ role: 'authenticated', session_id: 's' });
	});

	it('vouches for nothing else: another key, a changed payload, HS256, expiry near or past', async () => {
		const forged = await token({}, otherKey);
		const [header, , signature] = (await token({})).split('.');
		const changed = `${header}.${Buffer.from(JSON.stringify({ sub: 'someone-else', role: 'authenticated', exp: seconds(now) + 3600 })).toString('base64url')}.${signature}`;
		const hs256 = await new SignJWT({ role: 'authenticated' })
			.setProtectedHeader({ alg: 'HS256', kid: 'key-1' })
			.setExpirationTime(seconds(now) + 3600)
			.sign(new TextEncoder().encode('a'.repeat(32)));
		const soon = await new SignJWT({ role: 'authenticated' })
			.setProtectedHeader({ alg: 'ES256', kid: 'key-1' })
			.setExpirationTime(seconds(now) + 60)
			.sign(signingKey);
		for (const refused of [forged, changed, hs256, soon, 'not.a.token', '']) {
			expect(await verifiedClaims(refused, keys, now)).toBeUndefined();
		}
		expect(await verifiedClaims(await token({}), keys, now + 2 * 3600 * 1000)).toBeUndefined();
	});

	it('checks a token’s signature again after a minute, not on every view', async () => {
		let lookups = 0;
		const counting: JWTVerifyGetKey = (...args) => {
			lookups++;
			return keys(...args);
		};
		const same = await token({ session_id: 'views' });
		for (let i = 0; i < 3; i++) {
			expect(await verifiedClaims(same, counting, now + i * 1000)).toMatchObject({
				session_id: 'views'
			});
		}
		expect(lookups).toBe(1);
		await verifiedClaims(same, counting, now + 61_000);
		expect(lookups).toBe(2);
	});

	it('trusts a remembered token only under the same keys and never past its refresh margin', async () => {
		const short = await new SignJWT({ role: 'authenticated' })
			.setProtectedHeader({ alg: 'ES256', kid: 'key-1' })
			.setExpirationTime(seconds(now) + 120)
			.sign(signingKey);
		expect(await verifiedClaims(short, keys, now)).toBeDefined();
		// Fresh for 30 s (120 less the 90 s margin): then it is supabase-js's to refresh.
		expect(await verifiedClaims(short, keys, now + 31_000)).toBeUndefined();

		const known = await token({ session_id: 'other-keys' });
		expect(await verifiedClaims(known, keys, now)).toBeDefined();
		const withoutIt = createLocalJWKSet({ keys: [] });
		expect(await verifiedClaims(known, withoutIt, now)).toBeUndefined();
	});
});
