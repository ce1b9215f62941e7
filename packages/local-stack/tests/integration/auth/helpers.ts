import { createClient } from '@supabase/supabase-js';
import { decodeJwt } from 'jose';
import postgres from 'postgres';
import { stackSettings } from '../../../src/settings.ts';

/**
 * What the auth contract tests share. Everything goes through the gateway at /auth/v1 and the
 * database as a client would see it, so the suite runs unchanged against a real GoTrue (GOTRUE_BIN).
 */
export const env = await stackSettings();
export const authUrl = `${env.apiUrl}/auth/v1`;

const options = { auth: { persistSession: false, autoRefreshToken: false } };
export const adminClient = () => createClient(env.apiUrl, env.serviceRoleKey, options);
export const anonClient = () => createClient(env.apiUrl, env.anonKey, options);

/** The stack's Postgres as the `postgres` superuser, for checks and for moving timestamps back. */
export const db = () => postgres(env.databaseUrl, { max: 1, onnotice: () => {} });

export const claimsOf = (accessToken: string) => decodeJwt(accessToken) as Record<string, unknown>;

/** A confirmed user made through the admin API, as the store makes buyers. */
export async function confirmedUser(email: string, userMetadata: Record<string, unknown> = {}) {
	const { data, error } = await adminClient().auth.admin.createUser({
		email,
		email_confirm: true,
		user_metadata: userMetadata
	});
	if (error) throw error;
	return data.user;
}

/** A raw request to the auth API; `apiVersion` false sends no X-Supabase-Api-Version (legacy error shape). */
export async function authFetch(
	path: string,
	init: {
		method?: string;
		body?: string | object;
		token?: string;
		apiVersion?: string | false;
		apikey?: false;
		/** Another auth server than the stack's (default: the gateway's /auth/v1). */
		base?: string;
	} = {}
) {
	// The gateway turns a lone apikey into the bearer token, as Kong does; `apikey: false` sends none.
	const headers: Record<string, string> = init.apikey === false ? {} : { apikey: env.anonKey };
	if (init.body !== undefined) headers['content-type'] = 'application/json';
	if (init.token) headers.authorization = `Bearer ${init.token}`;
	if (init.apiVersion !== false)
		headers['x-supabase-api-version'] = init.apiVersion ?? '2024-01-01';
	const response = await fetch(`${init.base ?? authUrl}${path}`, {
		method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
		headers,
		body: typeof init.body === 'object' ? JSON.stringify(init.body) : init.body,
		redirect: 'manual'
	});
	const text = await response.text();
	let json: Record<string, unknown> = {};
	try {
		json = text ? JSON.parse(text) : {};
	} catch {
		/* not JSON (a redirect body) */
	}
	return { status: response.status, headers: response.headers, json };
}
