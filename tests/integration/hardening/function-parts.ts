import fc from 'fast-check';
import type { FuzzRequest } from '../../support/http-arbitraries.ts';
import type { Allowed } from './db-state.ts';

/**
 * What the edge-function generators share. A function is reached through the gateway, as Stripe,
 * Supabase Auth or a browser reach it.
 */
export interface FunctionTarget<Case> {
	cases: fc.Arbitrary<Case>;
	/** Builds the request when it is sent (a signature's timestamp must be fresh). */
	request(c: Case): FuzzRequest;
	/** The answers this case may get. */
	statusOk(status: number, c: Case): boolean;
	allowed: Allowed;
}

export const functionPath = (name: string) => `/functions/v1/${name}`;

/** Values of the wrong kind for most fields (an object or a string is right for some). */
export const junk = [null, 0, 1.5, [], '', 'x\u0000', ['x']];

/** A copy of `base` with the field at `at` (dotted) set to `value`, or dropped for undefined. */
function broken(base: object, at: string, value: unknown): unknown {
	const copy = structuredClone(base) as Record<string, unknown>;
	const keys = at.split('.');
	let holder = copy;
	for (const key of keys.slice(0, -1)) holder = holder[key] as Record<string, unknown>;
	if (value === undefined) delete holder[keys.at(-1)!];
	else holder[keys.at(-1)!] = value;
	return copy;
}

/** Bodies no JSON payload check should accept: a list of payloads, a bare value, broken JSON. */
export const notAPayload = (payload: fc.Arbitrary<object>) =>
	fc.oneof(
		payload.map((p) => JSON.stringify([p])),
		fc
			.jsonValue()
			.filter((v) => v === null || typeof v !== 'object' || Array.isArray(v))
			.map((v) => JSON.stringify(v)),
		payload.map((p) => JSON.stringify(p).slice(0, -1)),
		fc.string({ maxLength: 40 })
	);

/** How a signed hook's request is signed: right, or wrong in each way a sender can get it wrong. */
export type Signing = 'valid' | 'other secret' | 'stale' | 'missing' | 'garbage';

export interface SignedCase {
	method: string;
	payload: string;
	signing: Signing;
	/** The payload parses as JSON (a signature checker may refuse one that does not). */
	json: boolean;
}

const parses = (text: string) => {
	try {
		JSON.parse(text);
		return true;
	} catch {
		return false;
	}
};

/** Where and how a generated payload is broken: `at` a dotted field, `value` undefined to drop it. */
export type Breakage = fc.Arbitrary<{ at: string; value: unknown }>;

/**
 * The cases of a signed hook: validly signed bodies that are not a payload (a well-formed one
 * with one field broken, a list, a bare value, broken JSON), well-formed payloads badly signed,
 * and other methods.
 */
function signedCases(payload: fc.Arbitrary<object>, breakage: Breakage): fc.Arbitrary<SignedCase> {
	const brokenPayload = fc.tuple(payload, breakage).map(([p, b]) => broken(p, b.at, b.value));
	const bad: Signing[] = ['other secret', 'stale', 'missing', 'garbage'];
	return fc
		.oneof(
			{
				arbitrary: fc.record({
					method: fc.constant('POST'),
					payload: fc.oneof(
						brokenPayload.map((p) => JSON.stringify(p)),
						notAPayload(payload)
					),
					signing: fc.constant<Signing>('valid')
				}),
				weight: 4
			},
			fc.record({
				method: fc.constant('POST'),
				payload: payload.map((p) => JSON.stringify(p)),
				signing: fc.constantFrom(...bad)
			}),
			fc.record({
				method: fc.constantFrom('GET', 'PUT', 'DELETE', 'PATCH'),
				payload: fc.constant(''),
				signing: fc.constantFrom<Signing>('valid', 'missing')
			})
		)
		.map((c) => ({ ...c, json: parses(c.payload) }));
}

/** A hook that signs its JSON body (Stripe's webhook, Supabase Auth's Send Email Hook). */
export function signedHook(
	name: string,
	hook: {
		payload: fc.Arbitrary<object>;
		breakage: Breakage;
		/** The signature headers for this case's signing. */
		headers(c: SignedCase): Record<string, string>;
		statusOk(status: number, c: SignedCase): boolean;
	}
): FunctionTarget<SignedCase> {
	return {
		cases: signedCases(hook.payload, hook.breakage),
		request: (c) => ({
			method: c.method,
			target: functionPath(name),
			headers: { 'content-type': 'application/json', ...hook.headers(c) },
			body: c.method === 'POST' ? new TextEncoder().encode(c.payload) : undefined
		}),
		statusOk: hook.statusOk,
		allowed: 'nothing'
	};
}
