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
	it('refuses a call without a secret key: none, the publishable key, a made-up one (401)', async () => {
		const { anonKey, publishableKey } = stackEnv();
		const refused: Record<string, string>[] = [
			{},
			{ apikey: publishableKey },
			{ authorization: `Bearer ${anonKey}`, apikey: anonKey },
			{ apikey: 'sb_secret_madeUpKeyThatIsNotTheProjects' }
		];
		for (const headers of refused) {
			const response = await call(headers);
			expect(response.status, JSON.stringify(headers)).toBe(401);
			expect(await response.json()).toEqual({ error: 'the secret key is required' });
		}
	});

	// (The legacy service_role key as bearer is accepted too: tests/unit/function-secret-key.test.ts.)
	it('runs for the secret key, and says what it did', async () => {
		const response = await call({ apikey: stackEnv().secretKey });
		expect(response.status).toBe(200);
		expect(await response.json()).toMatchObject({
			checked: expect.any(Number),
			changes: expect.any(Array),
			emailsSent: expect.any(Number)
		});
	});

	it('answers a malformed body with 400, not a run', async () => {
		const { secretKey } = stackEnv();
		for (const body of ['{"since":"forever"}', '[]', '{"since":"1h","extra":1}', 'nonsense']) {
			const response = await call({ apikey: secretKey }, body);
			expect(response.status, body).toBe(400);
		}
	});
});
