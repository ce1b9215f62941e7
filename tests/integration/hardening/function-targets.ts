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

interface ReconcileCase {
	method: string;
	key: 'secret' | 'anon' | 'none' | 'garbage';
	body: string;
}

/** A body the function would take as a window to reconcile: blank, or a JSON object. */
const wouldRun = (body: string) => {
	if (!body.trim()) return true;
	try {
		const value = JSON.parse(body);
		return value !== null && typeof value === 'object' && !Array.isArray(value);
	} catch {
		return false;
	}
};

/**
 * Reconciliation, which only the secret key may start (the function checks it itself): any other
 * key, or none, 401; with the secret key (`apikey: sb_secret_…`) a body that is no
 * window answers 400 (a good one would run the reconciliation, which may rightly write: never
 * sent). Another method: 405.
 */
const reconcile: FunctionTarget<ReconcileCase> = {
	cases: fc.record({
		method: fc.oneof(
			{ arbitrary: fc.constant('POST'), weight: 4 },
			fc.constantFrom('GET', 'PUT', 'DELETE')
		),
		key: fc.constantFrom<ReconcileCase['key']>('secret', 'anon', 'none', 'garbage'),
		body: fc.oneof(
			fc.string({ maxLength: 60 }).filter((body) => !wouldRun(body)),
			fc
				.jsonValue()
				.map((v) => JSON.stringify(v) ?? 'null')
				.filter((body) => !wouldRun(body)),
			fc
				.constantFrom('3x', '99999d', '2999-01-01', '', 'yesterday', '3d\u0000', 'x'.repeat(50))
				.map((since) => JSON.stringify({ since })),
			fc.constant('{"since":"3d","and":"more"}')
		)
	}),
	request: (c) => {
		const { publishableKey, secretKey } = stackEnv();
		const key = { secret: secretKey, anon: publishableKey, none: '', garbage: 'sb_secret_x' }[
			c.key
		];
		return {
			method: c.method,
			target: functionPath('reconcile'),
			headers: { 'content-type': 'application/json', ...(key && { apikey: key }) },
			body: c.method === 'GET' ? undefined : new TextEncoder().encode(c.body)
		};
	},
	statusOk: (status, c) => {
		if (c.method !== 'POST') return status === 405;
		return status === (c.key === 'secret' ? 400 : 401);
	},
	allowed: 'nothing'
};

export const functionTargets: Record<string, FunctionTarget<unknown>> = {
	'stripe-webhook': stripeWebhook,
	'send-email': sendEmail,
	reconcile,
	health
};
