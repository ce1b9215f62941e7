import fc from 'fast-check';
import { stackEnv } from '../../support/env.ts';
import { method, percentEncode, type FuzzRequest } from '../../support/http-arbitraries.ts';
import { stripe, webhookSecret } from '../../support/stripe.ts';
import type { Allowed } from './db-state.ts';

/**
 * Generators for the edge functions, reached through the gateway as Stripe or a browser reaches
 * them. One entry per folder of supabase/functions (but `_shared`).
 */
export interface FunctionTarget<Case> {
	cases: fc.Arbitrary<Case>;
	/** Builds the request when it is sent (a signature's timestamp must be fresh). */
	request(c: Case): FuzzRequest;
	/** The answers this case may get. */
	statusOk(status: number, c: Case): boolean;
	allowed: Allowed;
}

const functionPath = (name: string) => `/functions/v1/${name}`;

// -- stripe-webhook --------------------------------------------------------------------------

/** A well-formed Stripe event: what each case below breaks one thing of. */
const event = fc.record({
	id: fc.stringMatching(/^evt_[A-Za-z0-9]{8,24}$/),
	object: fc.constant('event'),
	api_version: fc.constant('2025-09-30.clover'),
	created: fc.integer({ min: 0, max: 2_000_000_000 }),
	livemode: fc.boolean(),
	type: fc.constantFrom(
		'checkout.session.completed',
		'checkout.session.async_payment_succeeded',
		'charge.refunded',
		'charge.dispute.created',
		'charge.dispute.closed',
		'customer.created'
	),
	data: fc.record({
		object: fc.record({
			id: fc.stringMatching(/^(cs|ch|dp)_test_[A-Za-z0-9]{4,20}$/),
			object: fc.constantFrom('checkout.session', 'charge', 'dispute')
		})
	})
});

/** Values of the wrong kind for every field below (an object is one, except for data.object). */
const junk = [null, 0, 1.5, [], '', 'x\u0000', ['evt_x']];

/** One field of the event made wrong: dropped (undefined) or of the wrong kind. */
const breakages = fc.oneof(
	fc.record({
		at: fc.constant('id'),
		value: fc.constantFrom(undefined, ...junk, {}, true, 'not_an_event', 'evt_\u0000x')
	}),
	fc.record({
		at: fc.constant('type'),
		value: fc.constantFrom(undefined, ...junk, {}, true, 7, 'x', ['a.b'])
	}),
	fc.record({
		at: fc.constant('livemode'),
		value: fc.constantFrom(undefined, ...junk, {}, 'false', 'no')
	}),
	fc.record({ at: fc.constant('data'), value: fc.constantFrom(undefined, ...junk, {}, 'x') }),
	fc.record({
		at: fc.constant('data.object'),
		value: fc.constantFrom(undefined, ...junk, 'x', [{}])
	}),
	// Well-formed but for a NUL in a nested string, which Postgres cannot store in jsonb.
	fc.record({ at: fc.constant('data.object.metadata'), value: fc.constant({ note: 'a\u0000b' }) })
);

function broken(base: Record<string, unknown>, at: string, value: unknown): unknown {
	const copy = structuredClone(base);
	const keys = at.split('.');
	let holder = copy as Record<string, unknown>;
	for (const key of keys.slice(0, -1)) holder = holder[key] as Record<string, unknown>;
	if (value === undefined) delete holder[keys.at(-1)!];
	else holder[keys.at(-1)!] = value;
	return copy;
}

/** Bodies no event parser should accept: a list of events, a bare value, broken JSON. */
const notAnEvent = fc.oneof(
	event.map((e) => JSON.stringify([e])),
	fc
		.jsonValue()
		.filter((v) => v === null || typeof v !== 'object' || Array.isArray(v))
		.map((v) => JSON.stringify(v)),
	event.map((e) => JSON.stringify(e).slice(0, -1)),
	fc.string({ maxLength: 40 })
);

interface WebhookCase {
	method: string;
	payload: string;
	signature: 'valid' | 'other secret' | 'stale' | 'missing' | 'garbage';
}

const webhookCases: fc.Arbitrary<WebhookCase> = fc.oneof(
	// A valid signature on something that is not an event: the signature proves nothing about shape.
	{
		arbitrary: fc.record({
			method: fc.constant('POST'),
			payload: fc.oneof(
				fc.tuple(event, breakages).map(([e, b]) => JSON.stringify(broken(e, b.at, b.value))),
				notAnEvent
			),
			signature: fc.constant('valid' as const)
		}),
		weight: 4
	},
	// A good event, badly signed.
	fc.record({
		method: fc.constant('POST'),
		payload: event.map((e) => JSON.stringify(e)),
		signature: fc.constantFrom(
			'other secret' as const,
			'stale' as const,
			'missing' as const,
			'garbage' as const
		)
	}),
	fc.record({
		method: fc.constantFrom('GET', 'PUT', 'DELETE', 'PATCH'),
		payload: fc.constant(''),
		signature: fc.constantFrom('valid' as const, 'missing' as const)
	})
);

function signatureHeader(c: WebhookCase): Record<string, string> {
	const sign = (secret: string, timestamp?: number) =>
		stripe.webhooks.generateTestHeaderString({ payload: c.payload, secret, timestamp });
	switch (c.signature) {
		case 'valid':
			return { 'stripe-signature': sign(webhookSecret) };
		case 'other secret':
			return { 'stripe-signature': sign('whsec_not_the_endpoint_secret') };
		case 'stale':
			return { 'stripe-signature': sign(webhookSecret, Math.floor(Date.now() / 1000) - 301) };
		case 'garbage':
			return { 'stripe-signature': `t=${Date.now()},v1=${'0'.repeat(64)}` };
		case 'missing':
			return {};
	}
}

const stripeWebhook: FunctionTarget<WebhookCase> = {
	cases: webhookCases,
	request: (c) => ({
		method: c.method,
		target: functionPath('stripe-webhook'),
		headers: { 'content-type': 'application/json', ...signatureHeader(c) },
		body: c.method === 'POST' ? new TextEncoder().encode(c.payload) : undefined
	}),
	// Refused outright: 400 (Stripe stops retrying a 4xx), 405 for another method.
	statusOk: (status, c) => status === (c.method === 'POST' ? 400 : 405),
	allowed: 'nothing'
};

// -- health ----------------------------------------------------------------------------------

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
	health
};
