import fc from 'fast-check';
import { stackEnv } from '../../support/env.ts';
import { method, percentEncode } from '../../support/http-arbitraries.ts';
import { functionPath, type FunctionTarget } from './function-parts.ts';
import { sendEmail } from './send-email-target.ts';
import { stripeWebhook } from './webhook-target.ts';

/**
 * The fuzz suite's generator for each edge function, one entry per folder of supabase/functions
 * (but `_shared`); a folder without one fails the suite.
 */

interface HealthCase {
	method: string;
	authorization: string;
	suffix: string;
	body: string;
}

const health: FunctionTarget<HealthCase> = {
	cases: fc.record({
		method,
		authorization: fc.oneof(
			fc.constant(`Bearer ${stackEnv().anonKey}`),
			fc.constantFrom('', 'Bearer', 'Bearer x.y.z', 'Basic Zm9vOmJhcg=='),
			fc.string({ unit: 'grapheme-ascii', maxLength: 40 }).map((s) => `Bearer ${s.trim()}`)
		),
		suffix: fc.oneof(
			fc.constant(''),
			fc.string({ maxLength: 20 }).map((s) => `/${percentEncode(s)}`),
			fc.constantFrom('?%FF', '/%00', '/..')
		),
		body: fc.string({ maxLength: 100 })
	}),
	request: (c) => ({
		method: c.method,
		target: `${functionPath('health')}${c.suffix}`,
		headers: Object.fromEntries(c.authorization ? [['authorization', c.authorization]] : []),
		body: ['GET', 'HEAD'].includes(c.method) ? undefined : new TextEncoder().encode(c.body)
	}),
	statusOk: (status) => status < 500,
	allowed: 'nothing'
};

export const functionTargets: Record<string, FunctionTarget<unknown>> = {
	'stripe-webhook': stripeWebhook,
	'send-email': sendEmail,
	health
};
