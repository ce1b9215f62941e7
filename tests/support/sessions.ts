import { createClient } from '@supabase/supabase-js';
import { uniqueEmail } from '@storefront/local-stack';
import { stackEnv } from './env.ts';

/**
 * Accounts and signed-in cookie jars for tests that call the store over HTTP: an account made
 * with the secret key (as the store makes them), signed in through the store's own confirm page
 * with a token from Supabase Auth's admin API, as an emailed link would.
 */
const admin = () => {
	const { apiUrl, serviceRoleKey } = stackEnv();
	return createClient(apiUrl, serviceRoleKey, {
		auth: { persistSession: false, autoRefreshToken: false }
	}).auth.admin;
};

export async function createAccount(label: string, appMetadata: Record<string, unknown> = {}) {
	const email = uniqueEmail(label);
	const { data, error } = await admin().createUser({
		email,
		email_confirm: true,
		app_metadata: appMetadata
	});
	if (error) throw error;
	return { id: data.user.id, email };
}

/** The cookies of a browser that signed in on the store at `origin` with the emailed link. */
export async function signedInCookies(origin: string, email: string): Promise<string> {
	const { data, error } = await admin().generateLink({ type: 'magiclink', email });
	if (error) throw error;
	const response = await fetch(`${origin}/auth/confirm?/link`, {
		method: 'POST',
		redirect: 'manual',
		headers: { origin, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' },
		body: new URLSearchParams({
			token_hash: data.properties.hashed_token,
			type: 'magiclink',
			next: '/library'
		})
	});
	const cookies = response.headers
		.getSetCookie()
		.filter((c) => c.startsWith('sb-'))
		.map((c) => c.split(';')[0]);
	if (response.status !== 303 || cookies.length === 0) {
		throw new Error(`signing in ${email} answered ${response.status}`);
	}
	return cookies.join('; ');
}
