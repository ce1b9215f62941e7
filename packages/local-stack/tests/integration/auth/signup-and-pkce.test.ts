import { createClient } from '@supabase/supabase-js';
import { afterAll, describe, expect, it } from 'vitest';
import { emailsTo, linksIn, uniqueEmail, waitForEmail } from '../../../src/testing/mail.ts';
import { adminClient, anonClient, authUrl, claimsOf, db, env } from './helpers.ts';

/** Flows beside the store's main login: signup through /otp (off here), and the PKCE link click. */
const sql = db();
afterAll(() => sql.end());

describe('signInWithOtp for a new address while sign-ups are off (the store: [auth] enable_signup = false)', () => {
	it('answers 422 signup_disabled, creates no user and sends nothing', async () => {
		const email = uniqueEmail('signup');
		const { error } = await anonClient().auth.signInWithOtp({
			email,
			options: { data: { full_name: 'New Buyer' } }
		});
		expect(error).toMatchObject({
			status: 422,
			code: 'signup_disabled',
			message: 'Signups not allowed for this instance'
		});
		expect(await sql`select 1 from auth.users where email = ${email}`).toHaveLength(0);
		await new Promise((r) => setTimeout(r, 500));
		expect(await emailsTo(email)).toHaveLength(0);
	});
});

/** An account as the store makes them: confirmed, passwordless, created with the secret key. */
async function existingUser(label: string) {
	const email = uniqueEmail(label);
	const { error } = await adminClient().auth.admin.createUser({ email, email_confirm: true });
	expect(error).toBeNull();
	return email;
}

describe('PKCE link click', () => {
	it('redirects with a code that exchangeCodeForSession turns into a session', async () => {
		const email = await existingUser('pkce');
		const client = createClient(env.apiUrl, env.anonKey, {
			auth: {
				persistSession: false,
				autoRefreshToken: false,
				flowType: 'pkce',
				detectSessionInUrl: false
			}
		});
		const { error } = await client.auth.signInWithOtp({
			email,
			options: { emailRedirectTo: 'http://127.0.0.1:5173/auth/callback' }
		});
		expect(error).toBeNull();
		const mail = await waitForEmail(email);
		const hash = new URL(
			linksIn(mail.html).find((l) => l.includes('token_hash='))!
		).searchParams.get('token_hash')!;
		expect(hash.startsWith('pkce_')).toBe(true);

		// The click keeps the redirect's own query and adds the code to it.
		const redirectTo = 'http://127.0.0.1:5173/auth/callback?next=/library';
		const click = await fetch(
			`${authUrl}/verify?token=${hash}&type=magiclink&redirect_to=${encodeURIComponent(redirectTo)}`,
			{
				redirect: 'manual'
			}
		);
		expect(click.status).toBe(303);
		const location = new URL(click.headers.get('location')!);
		expect(location.searchParams.get('next')).toBe('/library');
		const code = location.searchParams.get('code')!;
		expect(code).toMatch(/^[0-9a-f-]{36}$/);

		const { data, error: exchangeError } = await client.auth.exchangeCodeForSession(code);
		expect(exchangeError).toBeNull();
		expect(data.user!.email).toBe(email);
		expect(claimsOf(data.session!.access_token).amr).toEqual([
			{ method: 'magiclink', timestamp: expect.any(Number) }
		]);
		const again = await client.auth.exchangeCodeForSession(code);
		expect(again.error).not.toBeNull();
	});
});

describe('PKCE token hash verified server-side (what @supabase/ssr clients get)', () => {
	it('POST /verify accepts the pkce_ token hash and returns a session directly', async () => {
		const email = await existingUser('pkce-post');
		const client = createClient(env.apiUrl, env.anonKey, {
			auth: { persistSession: false, autoRefreshToken: false, flowType: 'pkce' }
		});
		expect((await client.auth.signInWithOtp({ email })).error).toBeNull();
		const mail = await waitForEmail(email);
		const link = linksIn(mail.html).find((l) => l.includes('token_hash='))!;
		const hash = new URL(link).searchParams.get('token_hash')!;
		expect(hash.startsWith('pkce_')).toBe(true);
		const { data, error } = await anonClient().auth.verifyOtp({
			type: 'magiclink',
			token_hash: hash
		});
		expect(error).toBeNull();
		expect(data.user!.email).toBe(email);
	});
});
