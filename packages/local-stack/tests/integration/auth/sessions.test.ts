import { afterAll, describe, expect, it } from 'vitest';
import { uniqueEmail } from '../../../src/testing/mail.ts';
import { adminClient, anonClient, authFetch, claimsOf, confirmedUser, db, env } from './helpers.ts';

/** Sessions after login: refresh rotation and reuse, getUser, signOut, and RLS identity in Postgres. */
const sql = db();
afterAll(() => sql.end());

/** A fresh session the way the store makes one server-side: generateLink, then verifyOtp. */
async function login() {
	const email = uniqueEmail('session');
	const user = await confirmedUser(email);
	const { data: link } = await adminClient().auth.admin.generateLink({ type: 'magiclink', email });
	const { data, error } = await anonClient().auth.verifyOtp({
		type: 'magiclink',
		token_hash: link.properties!.hashed_token
	});
	if (error) throw error;
	return { user, session: data.session! };
}

/** Moves a refresh token's last change back past the reuse interval, instead of waiting for it. */
const agePastReuseInterval = (token: string) =>
	sql`update auth.refresh_tokens set updated_at = now() - make_interval(secs => ${env.config.auth.refreshTokenReuseInterval + 5})
		where token = ${token}`;

describe('refreshSession', () => {
	it('rotates the refresh token and keeps the session', async () => {
		const { session } = await login();
		const { data, error } = await anonClient().auth.refreshSession({
			refresh_token: session.refresh_token
		});
		expect(error).toBeNull();
		expect(data.session!.refresh_token).not.toBe(session.refresh_token);
		expect(claimsOf(data.session!.access_token).session_id).toBe(
			claimsOf(session.access_token).session_id
		);
		const [old] =
			await sql`select revoked from auth.refresh_tokens where token = ${session.refresh_token}`;
		expect(old.revoked).toBe(true);
	});

	it('answers a retry of the token just rotated with the current one (idempotent retry)', async () => {
		const { session } = await login();
		const first = await anonClient().auth.refreshSession({ refresh_token: session.refresh_token });
		const retry = await anonClient().auth.refreshSession({ refresh_token: session.refresh_token });
		expect(retry.error).toBeNull();
		expect(retry.data.session!.refresh_token).toBe(first.data.session!.refresh_token);
	});

	it('refuses an old refresh token past the reuse interval and revokes the session’s tokens', async () => {
		const { session } = await login();
		const second = await anonClient().auth.refreshSession({ refresh_token: session.refresh_token });
		const third = await anonClient().auth.refreshSession({
			refresh_token: second.data.session!.refresh_token
		});
		expect(third.error).toBeNull();
		await agePastReuseInterval(session.refresh_token);

		const reused = await anonClient().auth.refreshSession({ refresh_token: session.refresh_token });
		expect(reused.data.session).toBeNull();
		expect(reused.error).toMatchObject({
			status: 400,
			code: 'refresh_token_already_used',
			message: 'Invalid Refresh Token: Already Used'
		});
		// Reuse is treated as theft: the current token of the session stops working too.
		await agePastReuseInterval(third.data.session!.refresh_token);
		const current = await anonClient().auth.refreshSession({
			refresh_token: third.data.session!.refresh_token
		});
		expect(current.error).toMatchObject({ status: 400, code: 'refresh_token_already_used' });
	});

	it('still accepts an old token inside the reuse interval', async () => {
		const { session } = await login();
		const second = await anonClient().auth.refreshSession({ refresh_token: session.refresh_token });
		await anonClient().auth.refreshSession({ refresh_token: second.data.session!.refresh_token });
		const reused = await anonClient().auth.refreshSession({ refresh_token: session.refresh_token });
		expect(reused.error).toBeNull();
		expect(reused.data.session!.refresh_token).not.toBe(session.refresh_token);
	});
});

describe('getUser', () => {
	it('returns the user for a valid access token', async () => {
		const { user, session } = await login();
		const { data, error } = await anonClient().auth.getUser(session.access_token);
		expect(error).toBeNull();
		expect(data.user!.id).toBe(user.id);
	});

	it('refuses a tampered access token', async () => {
		const { session } = await login();
		const [header, payload, signature] = session.access_token.split('.');
		const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
		const forged = Buffer.from(JSON.stringify({ ...claims, role: 'service_role' })).toString(
			'base64url'
		);
		const { data, error } = await anonClient().auth.getUser(`${header}.${forged}.${signature}`);
		expect(data.user).toBeNull();
		expect(error).toMatchObject({ status: 403, code: 'bad_jwt' });
	});
});

describe('signOut', () => {
	it('revokes the session: its refresh token and access token stop working', async () => {
		const { session } = await login();
		const { error } = await adminClient().auth.admin.signOut(session.access_token, 'local');
		expect(error).toBeNull();
		const refreshed = await anonClient().auth.refreshSession({
			refresh_token: session.refresh_token
		});
		expect(refreshed.error).toMatchObject({ status: 400, code: 'refresh_token_not_found' });
		const user = await anonClient().auth.getUser(session.access_token);
		expect(user.data.user).toBeNull();
		// supabase-js reports session_not_found as AuthSessionMissingError; the wire answer is GoTrue's.
		expect(user.error!.name).toBe('AuthSessionMissingError');
		const raw = await authFetch('/user', { token: session.access_token });
		expect(raw).toMatchObject({
			status: 403,
			json: {
				code: 'session_not_found',
				message: 'Session from session_id claim in JWT does not exist'
			}
		});
	});

	it('global scope ends every session of the user, others keeps the current one', async () => {
		const { user, session } = await login();
		const { data: link } = await adminClient().auth.admin.generateLink({
			type: 'magiclink',
			email: user.email!
		});
		const second = await anonClient().auth.verifyOtp({
			type: 'magiclink',
			token_hash: link.properties!.hashed_token
		});
		await adminClient().auth.admin.signOut(session.access_token, 'others');
		expect((await anonClient().auth.getUser(session.access_token)).error).toBeNull();
		expect(await authFetch('/user', { token: second.data.session!.access_token })).toMatchObject({
			status: 403,
			json: { code: 'session_not_found' }
		});
		await adminClient().auth.admin.signOut(session.access_token, 'global');
		const rows = await sql`select id from auth.sessions where user_id = ${user.id}`;
		expect(rows).toHaveLength(0);
	});
});

describe('Postgres identity under the JWT', () => {
	it('auth.uid() is the user id and auth.role() is authenticated under the token’s claims', async () => {
		const { user, session } = await login();
		const claims = claimsOf(session.access_token);
		const [row] = await sql.begin(async (tx) => {
			await tx`set local role authenticated`;
			await tx`select set_config('request.jwt.claims', ${JSON.stringify(claims)}, true)`;
			return tx`select auth.uid() as uid, auth.role() as role, auth.email() as email`;
		});
		expect(row).toEqual({ uid: user.id, role: 'authenticated', email: user.email });
	});
});
