import type postgres from 'postgres';
import { expect } from 'vitest';
import type { FuzzRequest } from '../../support/http-arbitraries.ts';
import { sendRaw, type RawResponse } from '../../support/raw-http.ts';
import { emulatorUrl } from '../../support/stripe.ts';
import { dbState, unexpectedChanges, type Allowed, type DbState } from './db-state.ts';

/** The answer in words, for a failed assertion. */
const told = (request: FuzzRequest, response: RawResponse) =>
	`${request.method} ${request.target.slice(0, 300)} → ${response.status} ${response.text.slice(0, 300)}`;

/** Form actions answered as JSON (`use:enhance`) carry their own status in the body. */
function actionStatus(response: RawResponse): number | undefined {
	if (!String(response.headers['content-type']).startsWith('application/json')) return undefined;
	try {
		const status = JSON.parse(response.text)?.status;
		return typeof status === 'number' ? status : undefined;
	} catch {
		return undefined;
	}
}

/**
 * What every fuzzed request must satisfy: no 5xx (in the HTTP status, or in a form action's JSON
 * answer), no redirect off the site, no change in the database beyond what the target allows.
 */
export function checker(sql: () => postgres.Sql, storeOutput: () => string) {
	// The state after one request is the state before the next: one fingerprint per request.
	let last: DbState | undefined;
	return async function check(
		origin: string,
		request: FuzzRequest,
		allowed: Allowed,
		statusOk: (status: number) => boolean = (status) => status < 500
	) {
		const before = last ?? (await dbState(sql()));
		last = undefined;
		const response = await sendRaw(origin, request).catch((error: Error) => {
			// A refused connection after a request means it took the server down: say how.
			throw new Error(`${error.message}; the store's last words:\n${storeOutput().slice(-3000)}`);
		});
		const after = await dbState(sql());
		expect(statusOk(response.status), told(request, response)).toBe(true);
		expect(actionStatus(response) ?? 0, told(request, response)).toBeLessThan(500);
		const location = response.headers.location;
		if (typeof location === 'string') {
			// On the site, or Stripe's checkout page (the Buy action's whole point).
			expect([origin, emulatorUrl], told(request, response)).toContain(
				new URL(location, `${origin}/a/b/c`).origin
			);
		}
		expect(unexpectedChanges(before, after, allowed), told(request, response)).toEqual([]);
		last = after;
	};
}
