import { describe, expect, it } from 'vitest';
import { EmailBudget } from '../../../src/auth/email-budget.ts';
import {
	errorAnswer,
	ApiError,
	OAuthError,
	requestedApiVersion
} from '../../../src/auth/errors.ts';
import { decideRefresh } from '../../../src/auth/refresh-rules.ts';

describe('refresh token rules', () => {
	const now = new Date('2026-01-01T00:00:30Z');
	const revoked = {
		token: 'aaaaaaaaaaaa',
		revoked: true,
		updatedAt: new Date('2026-01-01T00:00:25Z')
	};

	it('rotates an active token', () => {
		expect(decideRefresh({ ...revoked, revoked: false }, undefined, 10, now).action).toBe('rotate');
	});
	it('hands back the newest token when the presented one is its parent (a retry)', () => {
		expect(decideRefresh(revoked, { parent: 'aaaaaaaaaaaa' }, 0, now).action).toBe(
			'reissue-active'
		);
	});
	it('issues another child inside the reuse interval, refuses after it', () => {
		expect(decideRefresh(revoked, { parent: 'bbbbbbbbbbbb' }, 10, now).action).toBe(
			'rotate-within-reuse'
		);
		expect(decideRefresh(revoked, { parent: 'bbbbbbbbbbbb' }, 4, now).action).toBe('reject-reuse');
		expect(decideRefresh(revoked, undefined, 0, now).action).toBe('reject-reuse');
	});
});

describe('email budget', () => {
	it('allows N per fixed hour from start', () => {
		const budget = new EmailBudget('2', 0);
		expect([budget.take(1), budget.take(2), budget.take(3)]).toEqual([true, true, false]);
		expect(budget.take(3_600_000)).toBe(true);
	});
	it('N/duration is a token bucket', () => {
		const budget = new EmailBudget('1/10s', 0);
		expect([budget.take(0), budget.take(5_000), budget.take(10_000)]).toEqual([true, false, true]);
	});
	it('0 refuses every send', () => {
		expect(new EmailBudget(0, 0).take(0)).toBe(false);
	});
});

describe('error envelope', () => {
	const error = new ApiError(429, 'over_email_send_rate_limit', 'email rate limit exceeded');
	it('reads the API version header as GoTrue does', () => {
		expect(requestedApiVersion('2024-01-01')).toBe('2024-01-01');
		expect(requestedApiVersion('2025-06-01')).toBe('2024-01-01');
		expect(requestedApiVersion('2023-12-31')).toBeUndefined();
		expect(requestedApiVersion(undefined)).toBeUndefined();
	});
	it('has a legacy shape and a 2024-01-01 shape, both with X-Sb-Error-Code', () => {
		expect(errorAnswer(error, undefined)).toEqual({
			status: 429,
			headers: { 'x-sb-error-code': 'over_email_send_rate_limit' },
			body: {
				code: 429,
				error_code: 'over_email_send_rate_limit',
				msg: 'email rate limit exceeded'
			}
		});
		expect(errorAnswer(error, '2024-01-01')).toEqual({
			status: 429,
			headers: {
				'x-sb-error-code': 'over_email_send_rate_limit',
				'x-supabase-api-version': '2024-01-01'
			},
			body: { code: 'over_email_send_rate_limit', message: 'email rate limit exceeded' }
		});
		expect(
			errorAnswer(new ApiError(500, 'unexpected_failure', 'x'), undefined, 'req-1').body.error_id
		).toBe('req-1');
		expect(
			errorAnswer(new OAuthError('invalid_request', 'refresh_token required'), '2024-01-01').body
		).toEqual({
			error: 'invalid_request',
			error_description: 'refresh_token required'
		});
	});
});
