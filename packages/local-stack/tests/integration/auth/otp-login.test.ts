import { afterAll, describe, expect, it } from 'vitest';
import { codeIn, emailsTo, linksIn, uniqueEmail, waitForEmail } from '../../../src/testing/mail.ts';
import { adminClient, anonClient, claimsOf, confirmedUser, db, env } from './helpers.ts';

/** The store's login: signInWithOtp for a known buyer, one email with a link and a code, verifyOtp. */
const sql = db();
afterAll(() => sql.end());

const redirectTo = 'http://127.0.0.1:5173/auth/confirm';

async function requestLogin(email: string) {
	const { error } = await anonClient().auth.signInWithOtp({
		email,
		options: { shouldCreateUser: false, emailRedirectTo: redirectTo }
	});
	expect(error).toBeNull();
	return waitForEmail(email);
}

const tokenHashIn = (html: string) => {
	const link = linksIn(html).find((l) => l.includes('token_hash='));
	return link ? new URL(link).searchParams.get('token_hash') : null;
};

describe('email OTP login for an existing buyer', () => {
	it('sends exactly one email with a link carrying the token hash and the 6-digit code', async () => {
		const email = uniqueEmail('otp-mail');
		await confirmedUser(email);
		const mail = await requestLogin(email);
		expect(await emailsTo(email)).toHaveLength(1);
		expect(codeIn(mail.html)).toMatch(/^\d{6}$/);
		const link = linksIn(mail.html).find((l) => l.includes('token_hash='))!;
		expect(link.startsWith(`${redirectTo}?token_hash=`)).toBe(true);
		expect(new URL(link).searchParams.get('type')).toBe('magiclink');
		expect(tokenHashIn(mail.html)).toMatch(/^[0-9a-f]{56}$/);
		// The subject is a template too: a login (no purchase in the metadata) takes its else branch.
		expect(mail.subject).toBe('Your Storefront login link and code');
	});

	it('verifies the token hash from the email into a session for that user, once', async () => {
		const email = uniqueEmail('otp-hash');
		const user = await confirmedUser(email);
		const hash = tokenHashIn((await requestLogin(email)).html)!;
		const client = anonClient();
		const { data, error } = await client.auth.verifyOtp({ type: 'magiclink', token_hash: hash });
		expect(error).toBeNull();
		const claims = claimsOf(data.session!.access_token);
		expect(claims.role).toBe('authenticated');
		expect(claims.sub).toBe(user.id);
		expect(data.user!.id).toBe(user.id);

		const again = await client.auth.verifyOtp({ type: 'magiclink', token_hash: hash });
		expect(again.data.session).toBeNull();
		expect(again.error).toMatchObject({
			status: 403,
			code: 'otp_expired',
			message: 'Email link is invalid or has expired'
		});
	});

	it('verifies the 6-digit code from the email into a session for that user, once', async () => {
		const email = uniqueEmail('otp-code');
		const user = await confirmedUser(email);
		const code = codeIn((await requestLogin(email)).html)!;
		const client = anonClient();
		const { data, error } = await client.auth.verifyOtp({ email, token: code, type: 'email' });
		expect(error).toBeNull();
		expect(claimsOf(data.session!.access_token)).toMatchObject({
			role: 'authenticated',
			sub: user.id
		});

		const again = await client.auth.verifyOtp({ email, token: code, type: 'email' });
		expect(again.error).toMatchObject({
			status: 403,
			code: 'otp_expired',
			message: 'Token has expired or is invalid'
		});
	});

	it('gives the access token every claim GoTrue puts in it', async () => {
		const email = uniqueEmail('otp-claims');
		const user = await confirmedUser(email, { name: 'Claims' });
		const code = codeIn((await requestLogin(email)).html)!;
		const { data } = await anonClient().auth.verifyOtp({
			email: email.toUpperCase(),
			token: code,
			type: 'email'
		});
		const claims = claimsOf(data.session!.access_token);
		expect(claims).toMatchObject({
			sub: user.id,
			aud: 'authenticated',
			iss: env.config.auth.jwtIssuer,
			email,
			phone: '',
			role: 'authenticated',
			aal: 'aal1',
			is_anonymous: false,
			app_metadata: { provider: 'email', providers: ['email'] },
			user_metadata: { name: 'Claims', email_verified: true }
		});
		expect(claims.exp).toBe((claims.iat as number) + env.config.auth.jwtExpiry);
		expect(claims.amr).toEqual([{ method: 'otp', timestamp: expect.any(Number) }]);
		const [session] =
			await sql`select user_id from auth.sessions where id = ${claims.session_id as string}`;
		expect(session.user_id).toBe(user.id);
	});

	it('a new request replaces the previous link and code', async () => {
		const email = uniqueEmail('otp-replace');
		await confirmedUser(email);
		const first = tokenHashIn((await requestLogin(email)).html)!;
		// Move the first send out of the max_frequency window instead of waiting for it.
		await sql`update auth.users set recovery_sent_at = now() - interval '1 hour' + interval '1 minute' where email = ${email}`;
		const { error } = await anonClient().auth.signInWithOtp({
			email,
			options: { shouldCreateUser: false, emailRedirectTo: redirectTo }
		});
		expect(error).toBeNull();
		const stale = await anonClient().auth.verifyOtp({ type: 'magiclink', token_hash: first });
		expect(stale.error).toMatchObject({ status: 403, code: 'otp_expired' });
		const [, second] = await emailsTo(email);
		const fresh = await anonClient().auth.verifyOtp({
			type: 'magiclink',
			token_hash: tokenHashIn(second.html)!
		});
		expect(fresh.error).toBeNull();
	});

	it('refuses a second request inside max_frequency with 429', async () => {
		const email = uniqueEmail('otp-throttle');
		await confirmedUser(email);
		const client = anonClient();
		const first = await client.auth.signInWithOtp({ email, options: { shouldCreateUser: false } });
		const second = await client.auth.signInWithOtp({ email, options: { shouldCreateUser: false } });
		expect(first.error).toBeNull();
		expect(second.error).toMatchObject({ status: 429, code: 'over_email_send_rate_limit' });
		expect(second.error!.message).toMatch(
			/^For security purposes, you can only request this after \d+ seconds\.$/
		);
		expect(await emailsTo(email)).toHaveLength(1);
	});
});

describe('email OTP for an unknown address with shouldCreateUser: false', () => {
	it('creates no user, sends no email, and answers 422 otp_disabled', async () => {
		const email = uniqueEmail('otp-unknown');
		const { error } = await anonClient().auth.signInWithOtp({
			email,
			options: { shouldCreateUser: false }
		});
		expect(error).toMatchObject({
			status: 422,
			code: 'otp_disabled',
			message: 'Signups not allowed for otp'
		});
		const users = await sql`select id from auth.users where lower(email) = ${email}`;
		expect(users).toHaveLength(0);
		// GoTrue sends before it answers, so an email it had sent would already be in the catcher.
		expect(await emailsTo(email)).toHaveLength(0);
	});
});

describe('admin.generateLink (the store mints a session server-side)', () => {
	it('returns a hashed_token that verifyOtp turns into a session, which invalidates an emailed link', async () => {
		const email = uniqueEmail('gen-link');
		const user = await confirmedUser(email);
		const emailed = tokenHashIn((await requestLogin(email)).html)!;
		const { data, error } = await adminClient().auth.admin.generateLink({
			type: 'magiclink',
			email
		});
		expect(error).toBeNull();
		expect(data.properties!.verification_type).toBe('magiclink');
		expect(data.properties!.email_otp).toMatch(/^\d{6}$/);
		const session = await anonClient().auth.verifyOtp({
			type: 'magiclink',
			token_hash: data.properties!.hashed_token
		});
		expect(session.error).toBeNull();
		expect(claimsOf(session.data.session!.access_token).sub).toBe(user.id);
		const old = await anonClient().auth.verifyOtp({ type: 'magiclink', token_hash: emailed });
		expect(old.error).toMatchObject({ status: 403, code: 'otp_expired' });
	});

	// An admin call: GoTrue creates the account even with sign-ups off (enable_signup = false).
	it('creates an unconfirmed user for an unknown email, verified with type signup', async () => {
		const email = uniqueEmail('gen-signup');
		const { data, error } = await adminClient().auth.admin.generateLink({
			type: 'magiclink',
			email
		});
		expect(error).toBeNull();
		expect(data.properties!.verification_type).toBe('signup');
		expect(data.user!.email_confirmed_at).toBeUndefined();
		const session = await anonClient().auth.verifyOtp({
			type: 'signup',
			token_hash: data.properties!.hashed_token
		});
		expect(session.error).toBeNull();
		expect(session.data.user!.email_confirmed_at).toBeTruthy();
	});
});
