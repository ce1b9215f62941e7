import { describe, expect, it } from 'vitest';
import { env, storageFetch, storageUrl } from './helpers.ts';

/** The gateway's /storage/v1 route, as Kong's: prefix stripped, apikey as the bearer, CORS. */
describe('/storage/v1 through the gateway', () => {
	it('turns an apikey sent alone into the bearer token', async () => {
		const answer = await storageFetch('/bucket', { headers: { apikey: env.serviceRoleKey } });
		expect(answer.status).toBe(200);
		expect(Array.isArray(answer.json)).toBe(true);
	});

	it('keeps an Authorization header sent with the apikey', async () => {
		const answer = await storageFetch('/bucket', {
			token: 'not-a-jwt',
			headers: { apikey: env.serviceRoleKey }
		});
		expect(answer.json).toMatchObject({ statusCode: '403', code: 'AccessDenied' });
	});

	it('answers a browser preflight and adds CORS headers to answers', async () => {
		const preflight = await fetch(`${storageUrl}/object/covers/a.png`, {
			method: 'OPTIONS',
			headers: {
				origin: 'http://127.0.0.1:3000',
				'access-control-request-method': 'POST',
				'access-control-request-headers': 'authorization, apikey, x-upsert, content-type'
			}
		});
		expect(preflight.status).toBe(200);
		expect(preflight.headers.get('access-control-allow-origin')).toBe('http://127.0.0.1:3000');
		expect(preflight.headers.get('access-control-allow-headers')).toContain('x-upsert');
		const answer = await fetch(`${storageUrl}/bucket`, {
			headers: { apikey: env.anonKey, origin: 'http://127.0.0.1:3000' }
		});
		expect(answer.headers.get('access-control-allow-origin')).toBe('http://127.0.0.1:3000');
	});

	it('passes an unknown path on to Storage, which answers 404', async () => {
		const answer = await storageFetch('/nothing/here', { token: env.serviceRoleKey });
		expect(answer.status).toBe(404);
	});
});
