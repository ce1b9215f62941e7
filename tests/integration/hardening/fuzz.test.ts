import fc from 'fast-check';
import type postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp } from '../../support/app-process.ts';
import { adminSql } from '../../support/db.ts';
import { stackEnv } from '../../support/env.ts';
import { FUZZ_RUNS, fuzzParameters } from '../../support/fuzz.ts';
import { formBody } from '../../support/form-bodies.ts';
import {
	method,
	percentEncode,
	storeHeaders,
	type FuzzRequest
} from '../../support/http-arbitraries.ts';
import { closeRawHttp } from '../../support/raw-http.ts';
import { coverageGaps, edgeFunctions, storeRoutes } from '../../support/routes.ts';
import { control } from '../../support/stripe.ts';
import { checker } from './check.ts';
import type { Allowed } from './db-state.ts';
import { studioSeller } from './seller.ts';
import { actions, endpoints, functions, pageRequestParts, pages } from './targets.ts';

/**
 * Generated bad input against every page, form action, endpoint and edge function, found on disk:
 * the production build beside the stack must never answer 5xx, never redirect off the site, and
 * change nothing in the database beyond what the target's entry in targets.ts allows. Fixed
 * seed; FUZZ_RUNS scales the number of requests (a fifth of it per target: 100 by default).
 */
const share = 0.2;
const timeout = 120_000 + FUZZ_RUNS * share * 100;

const found = storeRoutes();
const foundPages = found.pages.map((p) => p.id);
const foundActions = found.pages.flatMap((p) =>
	p.actions.map((name) => ({ page: p.id, name, key: `${p.id} ?/${name}` }))
);
const foundEndpoints = found.endpoints.flatMap((e) =>
	e.methods.map((name) => ({ name, key: `${e.id} ${name}` }))
);
const foundFunctions = edgeFunctions();

let app: Awaited<ReturnType<typeof startApp>>;
let sql: postgres.Sql;
let sellerCookie: string;

beforeAll(async () => {
	sql = adminSql();
	// Deliveries the emulator still holds from earlier suites would write while we count.
	await control('webhooks/pause');
	app = await startApp(4184, {
		// Nothing on a timer may write while the suite compares the database before and after.
		PURCHASE_EMAIL_POLL_SECONDS: '3600',
		// One IP sends everything: let the login form run rather than answer 429 after 30 requests.
		LOGIN_REQUESTS_PER_IP_PER_HOUR: '1000000'
	});
	sellerCookie = await studioSeller(sql, app.origin);
});
afterAll(async () => {
	closeRawHttp();
	await app?.stop();
	await control('webhooks/resume');
	await sql?.end();
});

const check = checker(
	() => sql,
	() => app.output()
);

/** Sends every generated request to the store, checking each answer. */
const sendAll = (requests: fc.Arbitrary<FuzzRequest>, allowed: Allowed) =>
	fc.assert(
		fc.asyncProperty(requests, (request) => check(app.origin, request, allowed)),
		fuzzParameters(share)
	);

/** A visitor's headers; on a studio route, half the requests come from the signed-in seller. */
const headersFor = (target: { seller?: true }) =>
	fc
		.tuple(storeHeaders(app.origin), fc.boolean())
		.map(([headers, asSeller]) =>
			target.seller && asSeller ? { ...headers, origin: app.origin, cookie: sellerCookie } : headers
		);

const gaps = Object.entries({
	pages: coverageGaps(foundPages, pages),
	actions: coverageGaps(
		foundActions.map((a) => a.key),
		actions
	),
	endpoints: coverageGaps(
		foundEndpoints.map((e) => e.key),
		endpoints
	),
	functions: coverageGaps(foundFunctions, functions)
});

describe('the fuzz suite covers the store', () => {
	it('has a generator for every page, action, endpoint and edge function on disk', () => {
		expect(gaps.filter(([, gap]) => gap.missing.length)).toEqual([]);
	});

	it('has no generator left for something that is gone', () => {
		expect(gaps.filter(([, gap]) => gap.gone.length)).toEqual([]);
	});
});

/** Looks a target up; one without a generator fails its own test too, by name. */
function targetOf<T>(registry: Record<string, T>, name: string): T {
	const target = registry[name];
	if (!target)
		throw new Error(`no generator for ${name}: add one to tests/integration/hardening/targets.ts`);
	return target;
}

describe('pages: any method, path parameters, query, headers (and their __data.json)', () => {
	for (const id of foundPages) {
		it(
			id,
			async () => {
				const target = targetOf(pages, id);
				const requests = fc
					.record({
						parts: pageRequestParts(target),
						method,
						data: fc.boolean(),
						headers: headersFor(target)
					})
					.map(({ parts, method, data, headers }) => ({
						method,
						target: `${data ? `${parts.path.replace(/\/$/, '')}/__data.json` : parts.path}${parts.query}`,
						headers
					}));
				await sendAll(requests, 'nothing');
			},
			timeout
		);
	}
});

describe('form actions: malformed, truncated, oversized, mistyped bodies', () => {
	for (const { page: pageId, name, key } of foundActions) {
		it(
			key,
			async () => {
				const target = targetOf(actions, key);
				const page = targetOf(pages, pageId);
				const requests = fc
					.record({ parts: pageRequestParts(page), c: target.cases, headers: headersFor(page) })
					.map(({ parts, c: { body, path = parts.path }, headers }) => {
						const selector = name === 'default' ? '' : `/${name}`;
						const query = [selector, parts.query.slice(1)].filter(Boolean).join('&');
						return {
							method: 'POST',
							target: `${path}${query ? `?${query}` : ''}`,
							headers: {
								...headers,
								...(body.contentType && { 'content-type': body.contentType })
							},
							body: body.body
						};
					});
				await sendAll(requests, target.allowed);
			},
			timeout
		);
	}

	it(
		'action names no page has (?/default, ?/toString, ?/__proto__, …), on every page',
		async () => {
			const requests = fc
				.record({
					id: fc.constantFrom(...foundPages),
					name: fc.oneof(
						fc.constantFrom(
							'default',
							'__proto__',
							'constructor',
							'toString',
							'valueOf',
							'hasOwnProperty',
							'',
							'nope'
						),
						fc.string({ maxLength: 12 }).map(percentEncode)
					),
					body: formBody(['email', 'next'])
				})
				.chain(({ id, name, body }) =>
					pages[id].path.map((path) => ({
						method: 'POST',
						target: `${path}?/${name}`,
						headers: {
							origin: app.origin,
							'content-type': body.contentType ?? 'application/x-www-form-urlencoded'
						},
						body: body.body
					}))
				);
			await sendAll(requests, 'login limits');
		},
		timeout
	);
});

describe('endpoints: each method they export (and odd ones), query, headers, body', () => {
	for (const { name, key } of foundEndpoints) {
		it(
			key,
			async () => {
				const target = targetOf(endpoints, key);
				const requests = fc
					.record({
						parts: pageRequestParts(target),
						method: fc.oneof({ arbitrary: fc.constant(name), weight: 3 }, method),
						body: fc.option(target.body ?? fc.constant(undefined)),
						headers: headersFor(target)
					})
					.map(({ parts, method, body, headers }) => ({
						method,
						target: `${parts.path}${parts.query}`,
						headers: { ...headers, ...(body?.contentType && { 'content-type': body.contentType }) },
						body: body?.body
					}));
				await sendAll(requests, target.allowed);
			},
			timeout
		);
	}
});

describe('edge functions, through the gateway', () => {
	for (const name of foundFunctions) {
		it(
			name,
			async () => {
				const target = targetOf(functions, name);
				await fc.assert(
					fc.asyncProperty(target.cases, (c) =>
						check(stackEnv().apiUrl, target.request(c), target.allowed, (status) =>
							target.statusOk(status, c)
						)
					),
					fuzzParameters(share)
				);
			},
			timeout
		);
	}
});
