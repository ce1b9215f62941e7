import { createClient } from '@supabase/supabase-js';
import { linksIn, uniqueEmail } from '@storefront/local-stack';
import type postgres from 'postgres';
import { postForm } from './app-process.ts';
import type { CookieJar } from './cookie-jar.ts';
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

/**
 * Opens the login link of an email as its reader would (the confirm page's button) on the store
 * at `origin`: the jar then holds the session, and the answer says where it went.
 */
export async function openEmailedLink(origin: string, html: string, next: string, jar: CookieJar) {
	const link = new URL(linksIn(html).find((href) => href.includes('token_hash='))!);
	return postForm(
		origin,
		`${link.pathname}?/link`,
		{
			token_hash: link.searchParams.get('token_hash')!,
			type: link.searchParams.get('type')!,
			next
		},
		jar
	);
}

/** The accounts of an address, with the checkout that made each (if one did). */
export const accountsOf = (sql: postgres.Sql, email: string) =>
	sql<{ id: string; createdBy: string | null }[]>`
		select id, raw_app_meta_data ->> 'created_by_checkout' as "createdBy"
		from auth.users where email = ${email}`;
