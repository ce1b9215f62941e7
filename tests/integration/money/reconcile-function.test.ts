import { describe, expect, it } from 'vitest';
import { stackEnv } from '../../support/env.ts';

/** The scheduled reconciliation: only the secret key may run it. */
const url = () => `${stackEnv().apiUrl}/functions/v1/reconcile`;
const call = (headers: Record<string, string>, body = '{"since":"1h"}') =>
	fetch(url(), {
		method: 'POST',
		headers: { 'content-type': 'application/json', ...headers },
		body
	});

describe('the reconcile function', () => {
	it('refuses a call without a key (401), with the publishable key or a user’s token (403)', async () => {
		const { anonKey } = stackEnv();
		expect((await call({})).status).toBe(401);
		const anon = await call({ authorization: `Bearer ${anonKey}`, apikey: anonKey });
		expect(anon.status).toBe(403);
		expect(await anon.json()).toEqual({ error: 'the secret key is required' });
	});

	it('runs for the secret key, and says what it did', async () => {
		const { serviceRoleKey } = stackEnv();
		const response = await call({ authorization: `Bearer ${serviceRoleKey}` });
		expect(response.status).toBe(200);
		expect(await response.json()).toMatchObject({
			checked: expect.any(Number),
			changes: expect.any(Array),
			emailsSent: expect.any(Number)
		});
	});

	it('answers a malformed body with 400, not a run', async () => {
		const { serviceRoleKey } = stackEnv();
		for (const body of ['{"since":"forever"}', '[]', '{"since":"1h","extra":1}', 'nonsense']) {
			const response = await call({ authorization: `Bearer ${serviceRoleKey}` }, body);
			expect(response.status, body).toBe(400);
		}
	});
});
