import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';
import { afterEach, describe, expect, it } from 'vitest';
import { callSendEmailHook, HookError, hookSignature } from '../../../src/auth/send-email-hook.ts';

const secret = 'v1,whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const emailData = {
	token: '123456',
	token_hash: 'abc',
	redirect_to: 'http://127.0.0.1:3000/auth/confirm',
	email_action_type: 'magiclink',
	site_url: 'http://127.0.0.1:3000',
	token_new: '',
	token_hash_new: ''
};

let close: (() => void) | undefined;
afterEach(() => close?.());

/** A hook receiver answering with the given status and body; resolves the requests it saw. */
async function receiver(status: number, body = '{}') {
	const seen: { headers: Record<string, string>; body: string }[] = [];
	const server = createServer((req, res) => {
		let text = '';
		req.on('data', (c) => (text += c));
		req.on('end', () => {
			seen.push({ headers: req.headers as Record<string, string>, body: text });
			res.writeHead(status, { 'content-type': 'application/json' }).end(body);
		});
	});
	await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
	close = () => server.close();
	return { uri: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`, seen };
}

describe('the Send Email Hook call', () => {
	it('is signed as Standard Webhooks: the reference library accepts it', async () => {
		const { uri, seen } = await receiver(200);
		await callSendEmailHook({ uri, secrets: secret }, { id: 'u1', email: 'a@b.test' }, emailData);
		const [request] = seen;
		const verified = new Webhook(secret.replace(/^v1,/, '')).verify(request.body, request.headers);
		expect(verified).toEqual({ user: { id: 'u1', email: 'a@b.test' }, email_data: emailData });
		expect(() =>
			new Webhook('whsec_' + Buffer.from('another secret').toString('base64')).verify(
				request.body,
				request.headers
			)
		).toThrow();
	});

	it('signs once per secret when several are configured', () => {
		const other = `v1,whsec_${Buffer.from('second').toString('base64')}`;
		const header = hookSignature(`${secret}|${other}`, 'msg_1', 1_800_000_000, '{}');
		expect(header.split(' ')).toHaveLength(2);
		expect(header.split(' ').every((s) => s.startsWith('v1,'))).toBe(true);
	});

	it('passes the hook’s own error back, with its status and message', async () => {
		const { uri } = await receiver(400, '{"error":{"http_code":400,"message":"no such user"}}');
		await expect(
			callSendEmailHook({ uri, secrets: secret }, { id: 'u1' }, emailData)
		).rejects.toMatchObject({ status: 400, message: 'no such user' });
	});

	it('is an error when the hook cannot be reached', async () => {
		const error = await callSendEmailHook(
			{ uri: 'http://127.0.0.1:9/hook', secrets: secret },
			{ id: 'u1' },
			emailData
		).catch((e) => e);
		expect(error).toBeInstanceOf(HookError);
		expect(error.status).toBe(500);
	});
});
