import { SignJWT } from 'jose';
import { afterAll, describe, expect, it } from 'vitest';
import { uniqueEmail } from '../../../src/testing/mail.ts';
import { adminClient, anonClient, authFetch, authUrl, confirmedUser, db, env } from './helpers.ts';

/** Bad input gets GoTrue's status and error_code, in both error shapes, never a 500. */
const sql = db();
afterAll(() => sql.end());

const sign = (claims: Record<string, unknown>, secret = env.jwtSecret) =>
	new SignJWT(claims)
		.setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
		.sign(new TextEncoder().encode(secret));

describe('error envelope', () => {
	it('uses the 2024-01-01 shape and repeats the version header when the client sends it', async () => {
		const r = await authFetch('/otp', { body: {} });
		expect(r.status).toBe(400);
		expect(r.json).toEqual({
			code: 'validation_failed',
			message: 'One of email or phone must be set'
		});
		expect(r.headers.get('x-supabase-api-version')).toBe('2024-01-01');
		expect(r.headers.get('x-sb-error-code')).toBe('validation_failed');
	});

	it('uses the legacy shape without the version header', async () => {
		const r = await authFetch('/otp', { body: {}, apiVersion: false });
		expect(r.status).toBe(400);
		expect(r.json).toEqual({
			code: 400,
			error_code: 'validation_failed',
			msg: 'One of email or phone must be set'
		});
		expect(r.headers.get('x-sb-error-code')).toBe('validation_failed');
	});
});

describe('POST /otp', () => {
	it('malformed JSON is 400 bad_json', async () => {
		const r = await authFetch('/otp', { body: '{"email": ' });
		expect(r.status).toBe(400);
		expect(r.json.code).toBe('bad_json');
		expect(r.json.message).toMatch(/^Could not parse request body as JSON: /);
	});

	it('an invalid email is 400 validation_failed', async () => {
		const r = await authFetch('/otp', { body: { email: 'not-an-email' } });
		expect(r).toMatchObject({
			status: 400,
			json: {
				code: 'validation_failed',
				message: 'Unable to validate email address: invalid format'
			}
		});
	});

	it('a half PKCE pair is 400 validation_failed', async () => {
		const r = await authFetch('/otp', {
			body: { email: uniqueEmail('pkce'), code_challenge: 'x'.repeat(43) }
		});
		expect(r).toMatchObject({
			status: 400,
			json: {
				code: 'validation_failed',
				message: 'PKCE flow requires code_challenge_method and code_challenge'
			}
		});
	});
});

describe('POST /verify', () => {
	it('an unknown type is 400 validation_failed', async () => {
		const r = await authFetch('/verify', { body: { type: 'telepathy', token_hash: 'abc' } });
		expect(r).toMatchObject({
			status: 400,
			json: { code: 'validation_failed', message: 'Invalid email verification type' }
		});
	});

	it('no type, or both token forms, is 400 validation_failed', async () => {
		expect((await authFetch('/verify', { body: { token_hash: 'abc' } })).json).toEqual({
			code: 'validation_failed',
			message: 'Verify requires a verification type'
		});
		const both = await authFetch('/verify', {
			body: { type: 'email', token_hash: 'abc', token: '123456', email: 'a@example.test' }
		});
		expect(both.json).toEqual({
			code: 'validation_failed',
			message: 'Verify requires either a token or a token hash'
		});
	});

	it('a wrong code is 403 otp_expired', async () => {
		const email = uniqueEmail('wrong-code');
		await confirmedUser(email);
		await adminClient().auth.admin.generateLink({ type: 'magiclink', email });
		const r = await authFetch('/verify', { body: { type: 'email', email, token: '000000' } });
		expect(r).toMatchObject({
			status: 403,
			json: { code: 'otp_expired', message: 'Token has expired or is invalid' }
		});
	});

	it('an expired token is 403 otp_expired', async () => {
		const email = uniqueEmail('expired');
		await confirmedUser(email);
		const { data } = await adminClient().auth.admin.generateLink({ type: 'magiclink', email });
		await sql`update auth.users set recovery_sent_at = now() - make_interval(secs => ${env.config.auth.email.otpExpiry + 60}) where email = ${email}`;
		const r = await authFetch('/verify', {
			body: { type: 'magiclink', token_hash: data.properties!.hashed_token }
		});
		expect(r).toMatchObject({
			status: 403,
			json: { code: 'otp_expired', message: 'Email link is invalid or has expired' }
		});
	});

	it('an invalid email with a code is 422 validation_failed', async () => {
		const r = await authFetch('/verify', {
			body: { type: 'email', email: 'nope', token: '123456' }
		});
		expect(r).toMatchObject({
			status: 422,
			json: { code: 'validation_failed', message: 'Invalid email format' }
		});
	});
});

describe('GET /verify (the link click)', () => {
	it('redirects a used or unknown link with the error in the fragment', async () => {
		const response = await fetch(
			`${authUrl}/verify?token=deadbeef&type=magiclink&redirect_to=${encodeURIComponent('http://127.0.0.1:5173/cb')}`,
			{ redirect: 'manual' }
		);
		expect(response.status).toBe(303);
		const location = new URL(response.headers.get('location')!);
		expect(`${location.origin}${location.pathname}`).toBe('http://127.0.0.1:5173/cb');
		const fragment = new URLSearchParams(location.hash.slice(1));
		expect(fragment.get('error')).toBe('access_denied');
		expect(fragment.get('error_code')).toBe('otp_expired');
	});

	it('puts the error in the query as well for a PKCE link', async () => {
		const response = await fetch(`${authUrl}/verify?token=pkce_deadbeef&type=magiclink`, {
			redirect: 'manual'
		});
		expect(response.status).toBe(303);
		const location = new URL(response.headers.get('location')!);
		expect(location.searchParams.get('error_code')).toBe('otp_expired');
		expect(new URLSearchParams(location.hash.slice(1)).get('error_code')).toBe('otp_expired');
	});

	it('redirects a valid link with the session in the fragment, to the site URL when redirect_to is not allowed', async () => {
		const email = uniqueEmail('link-click');
		const user = await confirmedUser(email);
		const { data } = await adminClient().auth.admin.generateLink({ type: 'magiclink', email });
		const response = await fetch(
			`${authUrl}/verify?token=${data.properties!.hashed_token}&type=magiclink&redirect_to=https://evil.example.com/x`,
			{ redirect: 'manual' }
		);
		expect(response.status).toBe(303);
		const location = response.headers.get('location')!;
		expect(location.startsWith(`${env.config.auth.siteUrl}#`)).toBe(true);
		const fragment = new URLSearchParams(location.split('#')[1]);
		expect(fragment.get('type')).toBe('magiclink');
		const { data: got } = await anonClient().auth.getUser(fragment.get('access_token')!);
		expect(got.user!.id).toBe(user.id);
	});
});

describe('access tokens', () => {
	it('no bearer token is 401 no_authorization', async () => {
		expect(await authFetch('/user', { apikey: false })).toMatchObject({
			status: 401,
			json: { code: 'no_authorization' }
		});
	});

	it('a JWT signed with another secret is 403 bad_jwt', async () => {
		const user = await confirmedUser(uniqueEmail('other-secret'));
		const token = await sign(
			{
				sub: user.id,
				aud: 'authenticated',
				role: 'authenticated',
				exp: Math.floor(Date.now() / 1000) + 600
			},
			'another-secret-that-is-at-least-32-characters'
		);
		expect(await authFetch('/user', { token })).toMatchObject({
			status: 403,
			json: { code: 'bad_jwt' }
		});
	});

	it('an expired JWT is 403 bad_jwt', async () => {
		const user = await confirmedUser(uniqueEmail('expired-jwt'));
		const token = await sign({
			sub: user.id,
			aud: 'authenticated',
			role: 'authenticated',
			exp: Math.floor(Date.now() / 1000) - 60
		});
		const r = await authFetch('/user', { token });
		expect(r).toMatchObject({ status: 403, json: { code: 'bad_jwt' } });
		expect(r.json.message).toMatch(/token is expired/);
	});

	it('the anon key is not a user (403 bad_jwt) and not an admin (403 not_admin)', async () => {
		expect(await authFetch('/user', { token: env.anonKey })).toMatchObject({
			status: 403,
			json: { code: 'bad_jwt', message: 'invalid claim: missing sub claim' }
		});
		expect(await authFetch('/admin/users', { token: env.anonKey })).toMatchObject({
			status: 403,
			json: { code: 'not_admin' }
		});
	});
});

describe('POST /token', () => {
	it('an unsupported grant is 400 invalid_credentials', async () => {
		const r = await authFetch('/token?grant_type=not_a_grant', { body: {} });
		expect(r).toMatchObject({
			status: 400,
			json: { code: 'invalid_credentials', message: 'unsupported_grant_type' }
		});
	});

	it('a malformed refresh token is 400 validation_failed, an unknown one refresh_token_not_found', async () => {
		expect(
			await authFetch('/token?grant_type=refresh_token', { body: { refresh_token: 'short' } })
		).toMatchObject({ status: 400, json: { code: 'validation_failed' } });
		expect(
			await authFetch('/token?grant_type=refresh_token', {
				body: { refresh_token: 'abcdefghijkl' }
			})
		).toMatchObject({ status: 400, json: { code: 'refresh_token_not_found' } });
	});

	it('a PKCE exchange with an unknown code is 404 flow_state_not_found', async () => {
		const r = await authFetch('/token?grant_type=pkce', {
			body: { auth_code: crypto.randomUUID(), code_verifier: 'v'.repeat(43) }
		});
		expect(r).toMatchObject({ status: 404, json: { code: 'flow_state_not_found' } });
	});
});

describe('admin users', () => {
	it('a duplicate email is 422 email_exists; an unknown id 404 user_not_found', async () => {
		const email = uniqueEmail('dup');
		await confirmedUser(email);
		const dup = await adminClient().auth.admin.createUser({ email });
		expect(dup.error).toMatchObject({ status: 422, code: 'email_exists' });
		const missing = await adminClient().auth.admin.getUserById(crypto.randomUUID());
		expect(missing.error).toMatchObject({ status: 404, code: 'user_not_found' });
	});

	it('updateUserById merges metadata, null deleting a key; deleteUser removes the user', async () => {
		const user = await confirmedUser(uniqueEmail('update'), { full_name: 'A', tier: 'a' });
		const { data, error } = await adminClient().auth.admin.updateUserById(user.id, {
			user_metadata: { full_name: null, tier: 'b' }
		});
		expect(error).toBeNull();
		expect(data.user!.user_metadata).toEqual({ email_verified: true, tier: 'b' });
		expect((await adminClient().auth.admin.deleteUser(user.id)).error).toBeNull();
		expect((await adminClient().auth.admin.getUserById(user.id)).error).toMatchObject({
			status: 404
		});
	});
});
