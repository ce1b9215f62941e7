import { SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { stackSettings } from '../../../src/settings.ts';

const { apiUrl, anonKey, jwtSecret } = await stackSettings();

describe('edge functions behind the gateway', () => {
	it('serves a function that reads SUPABASE_DB_URL and queries Postgres', async () => {
		const response = await fetch(`${apiUrl}/functions/v1/health`, {
			headers: { authorization: `Bearer ${anonKey}` }
		});
		expect(response.status).toBe(200);
		expect(await response.json()).toMatchObject({ ok: true, database: { reachable: true } });
	});

	it('refuses a verify_jwt function without a JWT (401)', async () => {
		const response = await fetch(`${apiUrl}/functions/v1/health`);
		expect(response.status).toBe(401);
		expect(await response.json()).toEqual({ msg: 'Error: Missing authorization header' });
	});

	it('refuses a JWT signed with another key (401)', async () => {
		const forged = anonKey.slice(0, anonKey.lastIndexOf('.') + 1) + 'c2lnbmF0dXJl';
		const response = await fetch(`${apiUrl}/functions/v1/health`, {
			headers: { authorization: `Bearer ${forged}` }
		});
		expect(response.status).toBe(401);
		expect(await response.json()).toEqual({ msg: 'Invalid JWT' });
	});

	it('accepts a JWT signed with the legacy secret, as the edge runtime does', async () => {
		const token = await new SignJWT({ role: 'authenticated', sub: crypto.randomUUID() })
			.setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
			.setExpirationTime('5m')
			.sign(new TextEncoder().encode(jwtSecret));
		const response = await fetch(`${apiUrl}/functions/v1/health`, {
			headers: { authorization: `Bearer ${token}` }
		});
		expect(response.status).toBe(200);
	});

	it('answers a CORS preflight as the Supabase gateway does', async () => {
		const response = await fetch(`${apiUrl}/functions/v1/health`, {
			method: 'OPTIONS',
			headers: {
				origin: 'http://127.0.0.1:5173',
				'access-control-request-method': 'POST',
				'access-control-request-headers': 'authorization, x-client-info, apikey, content-type'
			}
		});
		expect(response.status).toBe(200);
		expect(response.headers.get('access-control-allow-origin')).toBe('http://127.0.0.1:5173');
		expect(response.headers.get('access-control-allow-headers')).toContain('apikey');
	});

	it('answers 404 for a function that does not exist', async () => {
		const response = await fetch(`${apiUrl}/functions/v1/no-such-function`, {
			headers: { authorization: `Bearer ${anonKey}` }
		});
		expect(response.status).toBe(404);
	});
});
