import { createClient } from '@supabase/supabase-js';
import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uniqueEmail } from '../../../src/testing/mail.ts';
import { stackSettings } from '../../../src/settings.ts';
import { startScratchGateway } from './scratch-gateway.ts';

/**
 * The API keys of a project created today at the gateway, as the Supabase CLI's Kong treats them:
 * an `sb_publishable_…`/`sb_secret_…` key in `apikey` reaches the services as the anon/service_role
 * JWT, any other key as it is (so they refuse it), and functions get the keys the edge runtime
 * injects. `echo` shows what a function receives.
 */
const settings = await stackSettings();
const { apiUrl, publishableKey, secretKey, config } = settings;
const unknownSecret = 'sb_secret_this-project-never-issued-it';
const unknownPublishable = 'sb_publishable_this-project-never-issued-it';
const echo = `const names = ['SUPABASE_URL', 'SUPABASE_DB_URL', 'SUPABASE_ANON_KEY', 'SUPABASE_SERVICE_ROLE_KEY',
	'SUPABASE_PUBLISHABLE_KEYS', 'SUPABASE_SECRET_KEYS', 'SUPABASE_JWKS', 'SUPABASE_JWT_SECRET'];
Deno.serve((request) => Response.json({
	authorization: request.headers.get('authorization'),
	env: Object.fromEntries(names.map((name) => [name, Deno.env.get(name) ?? null]))
}));
`;
let gateway: Awaited<ReturnType<typeof startScratchGateway>>;

beforeAll(async () => {
	gateway = await startScratchGateway(
		{ echo, 'echo-open': echo },
		'[functions.echo-open]\nverify_jwt = false\n'
	);
});
afterAll(() => gateway?.stop());

const call = async (name: string, headers: Record<string, string>) => {
	const response = await fetch(`${gateway.functions}/${name}`, { headers });
	return { status: response.status, json: await response.json() };
};
const roleIn = (authorization: string) => decodeJwt(authorization.replace(/^Bearer /, '')).role;

/** A user's session from the stack's Auth, through the new keys as the store gets it. */
async function userToken() {
	const admin = createClient(apiUrl, secretKey, { auth: { persistSession: false } });
	const email = uniqueEmail('gateway-keys');
	await admin.auth.admin.createUser({ email, email_confirm: true });
	const { data } = await admin.auth.admin.generateLink({ type: 'magiclink', email });
	const client = createClient(apiUrl, publishableKey, { auth: { persistSession: false } });
	const { data: verified } = await client.auth.verifyOtp({
		type: 'magiclink',
		token_hash: data.properties!.hashed_token
	});
	return verified.session!.access_token;
}

describe('the publishable and secret keys', () => {
	it('reach a function as the anon and service_role JWTs, also when supabase-js repeats them as the bearer', async () => {
		const anon = await call('echo', { apikey: publishableKey });
		expect(anon.status).toBe(200);
		expect(roleIn(anon.json.authorization)).toBe('anon');
		const service = await call('echo', {
			apikey: secretKey,
			authorization: `Bearer ${secretKey}`
		});
		expect(roleIn(service.json.authorization)).toBe('service_role');
	});

	it('leave a user’s own token untouched, and verify_jwt accepts it from the JWKS', async () => {
		const token = await userToken();
		const r = await call('echo', { apikey: publishableKey, authorization: `Bearer ${token}` });
		expect(r).toMatchObject({ status: 200, json: { authorization: `Bearer ${token}` } });
		const [header, payload, signature] = token.split('.');
		const forged = `${header}.${payload}.${signature[0] === 'A' ? 'B' : 'A'}${signature.slice(1)}`;
		expect(await call('echo', { authorization: `Bearer ${forged}` })).toEqual({
			status: 401,
			json: { msg: 'Invalid JWT' }
		});
	});

	it('reach Auth as their roles: the secret key administers, the publishable key does not', async () => {
		const list = (apikey: string) =>
			fetch(`${apiUrl}/auth/v1/admin/users?per_page=1`, { headers: { apikey } });
		expect((await list(secretKey)).status).toBe(200);
		const anon = await list(publishableKey);
		expect(anon.status).toBe(403);
		expect(await anon.json()).toMatchObject({ error_code: 'not_admin' });
	});
});

describe('an sb_ key this project never issued', () => {
	it('is passed on as it is, not as a bearer token', async () => {
		const r = await call('echo-open', { apikey: unknownPublishable });
		expect(r).toMatchObject({ status: 200, json: { authorization: unknownPublishable } });
	});

	it('is refused by verify_jwt as the CLI’s edge runtime refuses it: 401', async () => {
		const requests: Record<string, string>[] = [
			{ apikey: unknownPublishable },
			{ apikey: unknownPublishable, authorization: `Bearer ${unknownPublishable}` }
		];
		for (const headers of requests) {
			expect(await call('echo', headers)).toEqual({
				status: 401,
				json: { msg: "Error: Auth header is not 'Bearer {token}'" }
			});
		}
	});

	it('is refused by Auth wherever a token is needed: 401 no_authorization', async () => {
		for (const [path, apikey] of [
			['/auth/v1/admin/users', unknownSecret],
			['/auth/v1/user', unknownPublishable]
		]) {
			const response = await fetch(`${apiUrl}${path}`, { headers: { apikey } });
			expect(response.status).toBe(401);
			expect(await response.json()).toEqual({
				code: 401,
				error_code: 'no_authorization',
				msg: 'This endpoint requires a valid Bearer token'
			});
		}
	});
});

describe('what a function is given', () => {
	it('the keys and the JWKS in the edge runtime’s formats, and the legacy keys', async () => {
		const { json } = await call('echo-open', {});
		// The CLI's own shape: the public signing keys (verify only), or the legacy secret as oct.
		const jwks = config.auth.signingKeys
			? {
					keys: config.auth.signingKeys.map(({ kty, kid, use, alg, ext, crv, x, y }) => ({
						kty,
						kid,
						use,
						key_ops: ['verify'],
						alg,
						ext,
						crv,
						x,
						y
					}))
				}
			: {
					keys: [{ kty: 'oct', k: Buffer.from(config.auth.jwtSecret).toString('base64url') }]
				};
		expect(json.env).toEqual({
			SUPABASE_URL: gateway.origin,
			SUPABASE_DB_URL: settings.databaseUrl,
			SUPABASE_ANON_KEY: expect.stringMatching(/^eyJ/),
			SUPABASE_SERVICE_ROLE_KEY: expect.stringMatching(/^eyJ/),
			SUPABASE_PUBLISHABLE_KEYS: JSON.stringify({ default: publishableKey }),
			SUPABASE_SECRET_KEYS: JSON.stringify({ default: secretKey }),
			SUPABASE_JWKS: JSON.stringify(jwks),
			SUPABASE_JWT_SECRET: null
		});
	});
});
