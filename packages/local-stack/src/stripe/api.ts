import type { IncomingMessage } from 'node:http';
import type { Emulator } from './emulator.ts';
import { authenticationError, notFoundRoute, StripeApiError } from './errors.ts';
import { parseForm } from './form.ts';
import { newId } from './ids.ts';
import { match } from './router.ts';
import { apiRoutes, controlRoutes } from './routes/index.ts';

export interface ApiResponse {
	status: number;
	body: string;
	headers: Record<string, string>;
}

const json = (status: number, value: unknown, headers: Record<string, string>): ApiResponse => ({
	status,
	body: JSON.stringify(value, null, 2),
	headers: { 'content-type': 'application/json', ...headers }
});

/** Test keys only; `expectedKey` (the stack's key) narrows it to one, like a real account. */
function checkKey(req: IncomingMessage, expectedKey: string | undefined): string {
	const header = req.headers.authorization ?? '';
	const bearer = /^Bearer\s+(\S+)$/i.exec(header)?.[1];
	const basic = /^Basic\s+(\S+)$/i.exec(header)?.[1];
	const key = bearer ?? (basic ? Buffer.from(basic, 'base64').toString().split(':')[0] : undefined);
	if (!key)
		throw authenticationError(
			"You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer auth (e.g. 'Authorization: Bearer YOUR_SECRET_KEY')."
		);
	const valid = /^(sk|rk)_test_\w+$/.test(key) && (!expectedKey || key === expectedKey);
	if (!valid)
		throw authenticationError(
			`Invalid API Key provided: ${key.slice(0, 8)}${'*'.repeat(Math.max(0, key.length - 12))}${key.slice(-4)}`
		);
	return key;
}

/** Answers one `/v1` or `/_emulator` request: auth, idempotency, routing and Stripe's error shape. */
export function handleApi(
	emu: Emulator,
	req: IncomingMessage,
	pathname: string,
	query: string,
	body: string,
	expectedKey?: string
): ApiResponse {
	const requestId = newId('req', 14);
	const headers = {
		'request-id': requestId,
		'stripe-version': req.headers['stripe-version']?.toString() ?? '2026-10-28.endive'
	};
	const method = req.method ?? 'GET';
	const isControl = pathname.startsWith('/_emulator/');
	try {
		const key = isControl ? '' : checkKey(req, expectedKey);
		const found = match(isControl ? controlRoutes : apiRoutes, method, pathname);
		if (!found) throw notFoundRoute(method, pathname);
		const isJson = req.headers['content-type']?.includes('application/json');
		const params = {
			...parseForm(query),
			...(isJson ? JSON.parse(body || '{}') : parseForm(body))
		};
		const idempotencyKey =
			method === 'POST' && !isControl ? (req.headers['idempotency-key']?.toString() ?? null) : null;
		const fingerprint = `${method} ${pathname} ${body}`;
		if (idempotencyKey) {
			const earlier = emu.store.idempotency(`${key}:${idempotencyKey}`);
			if (earlier && earlier.fingerprint !== fingerprint)
				throw new StripeApiError(
					400,
					'idempotency_error',
					`Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${idempotencyKey}' if you meant to execute a different request.`
				);
			if (earlier)
				return {
					status: earlier.status,
					body: earlier.body,
					headers: { ...headers, 'content-type': 'application/json', 'idempotent-replayed': 'true' }
				};
		}
		// Stripe saves the first result for a key, an error too once the endpoint ran (not for
		// parameters refused before it did), and answers a retry with it.
		const remember = (response: ApiResponse) => {
			if (!idempotencyKey) return response;
			emu.store.remember(`${key}:${idempotencyKey}`, {
				fingerprint,
				status: response.status,
				body: response.body,
				at: Date.now()
			});
			emu.store.save();
			return response;
		};
		try {
			const result = found.route.handler(emu, {
				params,
				path: found.values,
				request: { id: requestId, idempotency_key: idempotencyKey }
			});
			return remember(json(200, result, headers));
		} catch (error) {
			if (error instanceof StripeApiError && !error.beforeExecution)
				return remember(json(error.status, error.body(), headers));
			throw error;
		}
	} catch (error) {
		if (error instanceof StripeApiError) return json(error.status, error.body(), headers);
		if (error instanceof SyntaxError)
			return json(
				400,
				new StripeApiError(400, 'invalid_request_error', 'Invalid JSON body.').body(),
				headers
			);
		console.error(error);
		return json(
			500,
			{ error: { type: 'api_error', message: 'An unknown error occurred in the emulator.' } },
			headers
		);
	}
}
