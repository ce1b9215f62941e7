import {
	decodeJwt,
	decodeProtectedHeader,
	exportJWK,
	generateKeyPair,
	importJWK,
	jwtVerify
} from 'jose';
import { describe, expect, it } from 'vitest';
import { apiKeys, LOCAL_PUBLISHABLE_KEY, LOCAL_SECRET_KEY } from '../../../src/config/keys.ts';
import { stackPaths } from '../../../src/config/paths.ts';
import { publicJwk } from '../../../src/config/signing-keys.ts';
import {
	DEFAULT_JWT_SECRET,
	loadConfig,
	type AuthConfig
} from '../../../src/config/supabase-config.ts';

const auth: AuthConfig = {
	...loadConfig(stackPaths().supabase).auth,
	signingKeys: undefined,
	signingKeysPath: undefined,
	keys: {},
	jwtSecret: DEFAULT_JWT_SECRET
};

describe('the project’s API keys', () => {
	it('are the CLI’s: its fixed opaque keys, and its demo JWTs signed with the demo secret', async () => {
		const keys = await apiKeys(auth);
		expect(keys.publishable).toBe('sb_publishable_ACJWlzQHlZjBrEguHvfOxg_3BJgxAaH');
		expect(keys.secret).toBe('sb_secret_N7UND0UgjKTVK-Uodkm0Hg_xSvEMPvz');
		expect([LOCAL_PUBLISHABLE_KEY, LOCAL_SECRET_KEY]).toEqual([keys.publishable, keys.secret]);
		// The anon key every `supabase start` prints.
		expect(keys.anon).toBe(
			'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJzdXBhYmFzZS1kZW1vIiwicm9sZSI6ImFub24iLCJleHAiOjE5ODM4MTI5OTZ9.CRXP1A7WOeoJeXxjNni43kdQwgnWNReilDMblYTn_I0'
		);
		expect(decodeJwt(keys.serviceRole)).toEqual({
			iss: 'supabase-demo',
			role: 'service_role',
			exp: 1983812996
		});
	});

	it('with signing keys, signs the legacy keys with the first one, for ten years', async () => {
		const { privateKey } = await generateKeyPair('ES256', { extractable: true });
		const key = {
			...(await exportJWK(privateKey)),
			kty: 'EC',
			kid: 'k1',
			alg: 'ES256',
			key_ops: ['sign', 'verify']
		};
		const now = 1_800_000_000;
		const keys = await apiKeys({ ...auth, signingKeys: [key], signingKeysPath: '/x' }, now);
		expect(decodeProtectedHeader(keys.anon)).toEqual({ alg: 'ES256', kid: 'k1', typ: 'JWT' });
		const { payload } = await jwtVerify(
			keys.serviceRole,
			await importJWK(publicJwk({ ...key, key_ops: undefined }), 'ES256'),
			{
				currentDate: new Date(now * 1000)
			}
		);
		expect(payload).toEqual({
			iss: 'supabase-demo',
			role: 'service_role',
			exp: now + 10 * 365 * 24 * 3600
		});
	});

	it('takes the keys config.toml sets instead', async () => {
		const keys = await apiKeys({
			...auth,
			keys: {
				publishable: 'sb_publishable_mine',
				secret: 'sb_secret_mine',
				anon: 'a',
				serviceRole: 's'
			}
		});
		expect(keys).toMatchObject({
			publishable: 'sb_publishable_mine',
			secret: 'sb_secret_mine',
			anon: 'a',
			serviceRole: 's'
		});
	});
});
