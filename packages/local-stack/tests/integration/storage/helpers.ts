import { randomUUID } from 'node:crypto';
import { createClient } from '@supabase/supabase-js';
import { SignJWT } from 'jose';
import postgres from 'postgres';
import { stackSettings } from '../../../src/settings.ts';

/**
 * What the Storage contract tests share. Every request goes through the gateway at /storage/v1,
 * through storage-js (inside supabase-js) or raw HTTP, so the suite runs unchanged against a real
 * storage-api (STORAGE_SERVER_DIR). The database is touched only to write test policies.
 */
export const env = await stackSettings();
export const storageUrl = `${env.apiUrl}/storage/v1`;
const secret = new TextEncoder().encode(env.jwtSecret);

/** A user's access token as Supabase Auth signs it (the claims Storage and RLS read). */
export const userToken = (sub: string, expiresIn: string | number = '1h') =>
	new SignJWT({ sub, role: 'authenticated', aud: 'authenticated', email: `${sub}@example.test` })
		.setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
		.setIssuedAt()
		.setExpirationTime(expiresIn)
		.sign(secret);

const options = { auth: { persistSession: false, autoRefreshToken: false } };
export const serviceStorage = () => createClient(env.apiUrl, env.serviceRoleKey, options).storage;
export const anonStorage = () => createClient(env.apiUrl, env.anonKey, options).storage;
export const userStorage = (token: string) =>
	createClient(env.apiUrl, env.anonKey, {
		...options,
		global: { headers: { Authorization: `Bearer ${token}` } }
	}).storage;

export const uniqueName = (prefix: string) => `${prefix}-${randomUUID().slice(0, 8)}`;

/** The stack's Postgres as the superuser, for test policies on storage.objects. */
export const db = () => postgres(env.databaseUrl, { max: 1, onnotice: () => {} });

export interface RawAnswer {
	status: number;
	headers: Headers;
	text: string;
	json: Record<string, unknown> & unknown[];
}

/** A raw request to the Storage API through the gateway; `token` becomes the bearer. */
export async function storageFetch(
	path: string,
	init: {
		method?: string;
		token?: string;
		headers?: Record<string, string>;
		body?: BodyInit | object;
	} = {}
): Promise<RawAnswer> {
	const headers: Record<string, string> = { ...init.headers };
	if (init.token) headers.authorization = `Bearer ${init.token}`;
	let body = init.body as BodyInit | undefined;
	if (init.body && typeof init.body === 'object' && init.body.constructor === Object) {
		body = JSON.stringify(init.body);
		headers['content-type'] ??= 'application/json';
	}
	const response = await fetch(`${storageUrl}${path}`, {
		method: init.method ?? 'GET',
		headers,
		body
	});
	const text = await response.text();
	let json = {} as RawAnswer['json'];
	try {
		json = JSON.parse(text);
	} catch {
		/* not JSON (an object's bytes) */
	}
	return { status: response.status, headers: response.headers, text, json };
}

/** storage-api's error answer: HTTP 400 for a client error, the real status in the body. */
export const storageError = (statusCode: string, code: string, message?: string) => ({
	statusCode,
	code,
	...(message === undefined ? {} : { message })
});

/** Removes a test bucket whatever it holds. */
export async function dropBucket(id: string) {
	const storage = serviceStorage();
	await storage.emptyBucket(id);
	await storage.deleteBucket(id);
}
