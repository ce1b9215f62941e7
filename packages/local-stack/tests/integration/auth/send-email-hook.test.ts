import { createHash } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uniqueEmail } from '../../../src/testing/mail.ts';
import { authFetch, confirmedUser, db, env } from './helpers.ts';
import { startSecondAuthServer } from './second-server.ts';

/**
 * The Send Email Hook as GoTrue calls it: an auth server of the stack's kind whose hook points at
 * a receiver in this test, which answers each call as the test says (`next`).
 */
type Answer = (res: ServerResponse) => void;
const json =
	(status: number, body: unknown, headers: Record<string, string> = {}): Answer =>
	(res) =>
		res
			.writeHead(status, { 'content-type': 'application/json', ...headers })
			.end(JSON.stringify(body));

const seen: { headers: IncomingHttpHeaders; body: string }[] = [];
let answers: Answer[] = [];
const receiver = createServer((req, res) => {
	let body = '';
	req.on('data', (c) => (body += c));
	req.on('end', () => {
		seen.push({ headers: req.headers, body });
		(answers.shift() ?? json(200, {}))(res);
	});
});
const secret = 'v1,whsec_dGhlIHRlc3QncyBvd24gaG9vayBzZWNyZXQsIG5vdCB0aGUgc3RvcmUncw==';
const sql = db();
let auth: Awaited<ReturnType<typeof startSecondAuthServer>>;

beforeAll(async () => {
	await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
	const { port } = receiver.address() as AddressInfo;
	auth = await startSecondAuthServer({
		GOTRUE_HOOK_SEND_EMAIL_ENABLED: 'true',
		GOTRUE_HOOK_SEND_EMAIL_URI: `http://127.0.0.1:${port}/hook`,
		GOTRUE_HOOK_SEND_EMAIL_SECRETS: secret
	});
});
afterAll(async () => {
	await auth?.stop();
	receiver.closeAllConnections();
	receiver.close();
	await sql.end();
});

/** Asks for a magic link for a new buyer, the hook answering with `next`; returns the auth server's answer. */
async function magicLink(...next: Answer[]) {
	const email = uniqueEmail('hook');
	await confirmedUser(email);
	answers = next;
	seen.length = 0;
	const answer = await authFetch('/otp', { base: auth.url, body: { email, create_user: false } });
	return { email, answer };
}

describe('the Send Email Hook call', () => {
	it('posts the user and the email data, signed as Standard Webhooks', async () => {
		const { email, answer } = await magicLink();
		expect(answer.status).toBe(200);
		expect(seen).toHaveLength(1);
		const [{ headers, body }] = seen;
		expect(headers['content-type']).toBe('application/json');
		expect(headers['accept-encoding']).toBe('identity');
		expect(headers['webhook-id']).toMatch(/^[0-9a-f-]{36}$/);
		const payload = new Webhook(secret.slice(3)).verify(body, headers as Record<string, string>);
		const { metadata, user, email_data } = payload as Record<string, Record<string, unknown>>;
		expect(metadata).toMatchObject({ name: 'send-email', ip_address: '127.0.0.1' });
		expect(user).toMatchObject({ email, aud: 'authenticated', role: 'authenticated' });
		expect(email_data).toEqual({
			token: expect.stringMatching(/^\d{6}$/),
			token_hash: createHash('sha224')
				.update(email + String(email_data.token))
				.digest('hex'),
			redirect_to: env.config.auth.siteUrl,
			email_action_type: 'magiclink',
			site_url: env.config.auth.externalUrl,
			token_new: '',
			token_hash_new: '',
			old_email: '',
			old_phone: '',
			provider: '',
			factor_type: ''
		});
	});

	it('passes the hook’s own error back with its status and message, and keeps no token', async () => {
		const { email, answer } = await magicLink(
			json(200, { error: { http_code: 429, message: 'Slow down, this address had enough' } })
		);
		expect(answer).toMatchObject({
			status: 429,
			json: { code: 'unknown', message: 'Slow down, this address had enough' }
		});
		expect(answer.headers.get('x-sb-error-code')).toBeNull();
		const [user] =
			await sql`select recovery_token, recovery_sent_at from auth.users where email = ${email}`;
		expect(user).toEqual({ recovery_token: '', recovery_sent_at: null });
	});

	it('answers the hook’s failures with GoTrue’s own words', async () => {
		const cases: [Answer, number, string, string][] = [
			[json(200, { error: { message: 'no status' } }), 500, 'unexpected_failure', 'no status'],
			[json(400, {}), 500, 'unexpected_failure', 'Invalid payload sent to hook'],
			[json(401, {}), 500, 'unexpected_failure', 'Hook requires authorization token'],
			[json(500, {}), 500, 'unexpected_failure', 'Unexpected status code returned from hook: 500'],
			[json(503, {}), 500, 'unexpected_failure', 'Service currently unavailable due to hook'],
			[
				(res) => res.writeHead(200, { 'content-type': 'text/plain' }).end('sent'),
				400,
				'hook_payload_invalid_content_type',
				'Invalid JSON response. Received content-type: text/plain'
			]
		];
		for (const [reply, status, code, message] of cases) {
			const { answer } = await magicLink(reply);
			expect(answer, message).toMatchObject({ status, json: { code, message } });
		}
	});

	it('calls again at once after 429 or 503 with Retry-After, under a new webhook-id', async () => {
		const { answer } = await magicLink(json(503, {}, { 'retry-after': '1' }), json(200, {}));
		expect(answer.status).toBe(200);
		expect(seen).toHaveLength(2);
		expect(seen[0].headers['webhook-id']).not.toBe(seen[1].headers['webhook-id']);
	});

	it('tries three times when the connection fails, then gives up: 422 hook_timeout_after_retry', async () => {
		const drop: Answer = (res) => res.socket?.destroy();
		const { answer } = await magicLink(drop, drop, drop);
		expect(seen).toHaveLength(3);
		expect(answer).toMatchObject({
			status: 422,
			json: {
				code: 'hook_timeout_after_retry',
				message: 'Failed to reach hook after maximum retries'
			}
		});
	});

	it('gives the hook five seconds: 422 hook_timeout', async () => {
		const { answer } = await magicLink(() => {
			/* never answers */
		});
		expect(answer).toMatchObject({
			status: 422,
			json: {
				code: 'hook_timeout',
				message: 'Failed to reach hook within maximum time of 5.000000 seconds'
			}
		});
	});
});
