import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';
import { afterEach, describe, expect, it } from 'vitest';
import {
	bodyOutcome,
	contentTypeProblem,
	hookSignature,
	statusOutcome
} from '../../../src/auth/hook-response.ts';
import { callSendEmailHook } from '../../../src/auth/send-email-hook.ts';

/** The pure half of the hook, and the call's retries and limits, scaled down to milliseconds. */
const secret = 'v1,whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const fast = { timeoutMs: 400, attempts: 3, backoffMs: 20, responseBytes: 64 };

const closers: (() => void)[] = [];
afterEach(() => closers.splice(0).forEach((close) => close()));

/** A hook receiver answering each call with the next of `answers` (the last one repeats). */
async function receiver(...answers: ((res: ServerResponse) => void)[]) {
	const seen: { headers: Record<string, string>; body: string }[] = [];
	const server = createServer((req, res) => {
		let text = '';
		req.on('data', (c) => (text += c));
		req.on('end', () => {
			seen.push({ headers: req.headers as Record<string, string>, body: text });
			(answers.length > 1 ? answers.shift()! : answers[0])(res);
		});
	});
	await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
	closers.push(() => {
		server.closeAllConnections();
		server.close();
	});
	const hook = {
		uri: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
		secrets: secret
	};
	return { hook, seen };
}
const reply =
	(status: number, body = '{}', type = 'application/json') =>
	(res: ServerResponse) =>
		res.writeHead(status, { 'content-type': type }).end(body);

describe('signing', () => {
	it('is Standard Webhooks: the reference library accepts it, another secret does not', async () => {
		const { hook, seen } = await receiver(reply(200));
		await callSendEmailHook(hook, { hello: 'hook' }, fast);
		const [{ body, headers }] = seen;
		expect(new Webhook(secret.slice(3)).verify(body, headers)).toEqual({ hello: 'hook' });
		expect(() =>
			new Webhook(`whsec_${Buffer.from('another').toString('base64')}`).verify(body, headers)
		).toThrow();
	});

	it('signs once per secret, joined by ", ", and refuses a secret without v1,', () => {
		const other = `v1,whsec_${Buffer.from('second').toString('base64')}`;
		expect(hookSignature([secret, other], 'msg_1', 1_800_000_000, '{}').split(', ')).toHaveLength(
			2
		);
		expect(() => hookSignature(['whsec_abc'], 'msg_1', 1, '{}')).toThrow(
			/invalid signature format/
		);
	});
});

describe('what the hook’s answer means', () => {
	it('a JSON 200/202 body: its error object, else sent', () => {
		expect(bodyOutcome('{}')).toBeUndefined();
		expect(bodyOutcome('null')).toBeUndefined();
		expect(bodyOutcome('{"error":{"http_code":429,"message":"slow"}}')).toMatchObject({
			status: 429,
			errorCode: '',
			message: 'slow'
		});
		expect(bodyOutcome('{"error":{"message":"no code"}}')).toMatchObject({ status: 500 });
		expect(bodyOutcome('{"error":{"http_code":429}}')).toBeUndefined();
		expect(bodyOutcome('{"error":"a string is no error object"}')).toBeUndefined();
		expect(bodyOutcome('[]')).toMatchObject({
			status: 500,
			message: 'Error unmarshaling JSON output.'
		});
		expect(bodyOutcome('')).toMatchObject({
			status: 500,
			message: 'Error unmarshaling JSON output.'
		});
	});

	it('a 200 that is not JSON', () => {
		expect(contentTypeProblem('application/json; charset=utf-8')).toBeUndefined();
		expect(contentTypeProblem(null)).toMatchObject({
			status: 400,
			errorCode: 'hook_payload_invalid_content_type'
		});
		expect(contentTypeProblem('text/html')?.message).toBe(
			'Invalid JSON response. Received content-type: text/html'
		);
	});

	it('other statuses', () => {
		expect(statusOutcome(429, '1')).toBe('retry');
		expect(statusOutcome(503, null)).toMatchObject({
			status: 500,
			message: 'Service currently unavailable due to hook'
		});
		expect(statusOutcome(404, null)).toMatchObject({
			status: 500,
			message: 'Unexpected status code returned from hook: 404'
		});
	});
});

describe('the call', () => {
	it('retries a failed connection, then gives up: 422 hook_timeout_after_retry', async () => {
		const { hook, seen } = await receiver((res) => res.socket?.destroy());
		await expect(callSendEmailHook(hook, {}, fast)).rejects.toMatchObject({
			status: 422,
			errorCode: 'hook_timeout_after_retry'
		});
		expect(seen).toHaveLength(3);
	});

	it('stops at the deadline: 422 hook_timeout', async () => {
		const { hook } = await receiver(() => {});
		await expect(callSendEmailHook(hook, {}, fast)).rejects.toMatchObject({
			status: 422,
			errorCode: 'hook_timeout',
			message: 'Failed to reach hook within maximum time of 0.400000 seconds'
		});
	});

	it('calls again after 503 with Retry-After, and reads at most the response limit', async () => {
		const { hook, seen } = await receiver(
			(res) => res.writeHead(503, { 'retry-after': '1' }).end(),
			reply(204)
		);
		await callSendEmailHook(hook, {}, fast);
		expect(seen).toHaveLength(2);
		const big = await receiver(reply(200, JSON.stringify({ padding: 'x'.repeat(100) })));
		await expect(callSendEmailHook(big.hook, {}, fast)).rejects.toMatchObject({
			status: 422,
			errorCode: 'hook_payload_over_size_limit'
		});
	});
});
