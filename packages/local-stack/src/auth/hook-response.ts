import { createHmac } from 'node:crypto';
import { ApiError, unprocessable } from './errors.ts';

/**
 * The pure half of GoTrue's HTTP hooks (`internal/hooks/hookshttp`, `hookserrors`): how a request
 * is signed, and what each answer of the hook means to the caller. `send-email-hook.ts` does the
 * I/O around it.
 */

/** `webhook-signature`: one Standard Webhooks `v1,<base64 HMAC-SHA256>` per secret, joined by ", ". */
export function hookSignature(secrets: string[], id: string, timestamp: number, body: string) {
	return secrets
		.map((secret) => {
			if (!secret.startsWith('v1,'))
				throw new ApiError(
					500,
					'unexpected_failure',
					'Error generating signatures: invalid signature format'
				);
			const key = Buffer.from(secret.slice(3).replace(/^whsec_/, ''), 'base64');
			return `v1,${createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest('base64')}`;
		})
		.join(', ');
}

/** GoTrue's limits: 5 s for the whole call, 3 attempts, 2 s between failed connections, 200 KB answers. */
export const hookLimits = {
	timeoutMs: 5_000,
	attempts: 3,
	backoffMs: 2_000,
	responseBytes: 200 * 1024
};

export const internal = (message: string) => new ApiError(500, 'unexpected_failure', message);

/** Go formats the timeout with %f. */
export const hookTimedOut = (timeoutMs: number) =>
	unprocessable(
		'hook_timeout',
		`Failed to reach hook within maximum time of ${(timeoutMs / 1000).toFixed(6)} seconds`
	);

export const hookUnreachable = () =>
	unprocessable('hook_timeout_after_retry', 'Failed to reach hook after maximum retries');

/** What a status other than 200/202/204 means: try again (429/503 with Retry-After), or an error. */
export function statusOutcome(status: number, retryAfter: string | null): 'retry' | ApiError {
	switch (status) {
		case 429:
		case 503:
			return retryAfter ? 'retry' : internal('Service currently unavailable due to hook');
		case 400:
			return internal('Invalid payload sent to hook');
		case 401:
			return internal('Hook requires authorization token');
		default:
			return internal(`Unexpected status code returned from hook: ${status}`);
	}
}

/** Go's mime.ParseMediaType, as far as the hook check needs it: the media type, or Go's complaint. */
function mediaTypeOf(contentType: string): { type: string } | { error: string } {
	const type = contentType.split(';')[0].trim().toLowerCase();
	if (!type) return { error: 'mime: no media type' };
	if (!type.includes('/')) return { error: 'mime: expected slash after first token' };
	return { type };
}

const badContentType = (message: string) =>
	new ApiError(400, 'hook_payload_invalid_content_type', message);

/** A 200/202 answer must be JSON: the Content-Type checks, in GoTrue's order and words. */
export function contentTypeProblem(contentType: string | null): ApiError | undefined {
	if (!contentType) return badContentType('Invalid Content-Type: Missing Content-Type header');
	const media = mediaTypeOf(contentType);
	if ('error' in media) return badContentType(`Invalid Content-Type header: ${media.error}`);
	if (media.type !== 'application/json')
		return badContentType(`Invalid JSON response. Received content-type: ${contentType}`);
	return undefined;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
	typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The body of a 200/202: `{"error": {"http_code", "message"}}` is the hook's own error, passed to
 * the caller with that status (500 without one) and no error code; any other JSON object (or
 * null) means sent. GoTrue decodes with Go types, so a mistyped error member is no error at all.
 */
export function bodyOutcome(body: string): ApiError | undefined {
	let parsed: unknown;
	try {
		parsed = JSON.parse(body);
	} catch {
		return internal('Error unmarshaling JSON output.');
	}
	if (parsed !== null && !isRecord(parsed)) return internal('Error unmarshaling JSON output.');
	const error = parsed?.error;
	if (!isRecord(error)) return undefined;
	const { http_code: code, message } = error;
	if (code !== undefined && code !== null && !Number.isInteger(code)) return undefined;
	if (message !== undefined && message !== null && typeof message !== 'string') return undefined;
	if (!message) return undefined;
	const status = typeof code === 'number' && code !== 0 ? code : 500;
	// An out-of-range status makes Go's ResponseWriter panic, which GoTrue answers with a 500.
	return status >= 100 && status <= 999
		? new ApiError(status, '', message)
		: new ApiError(500, '', 'Internal Server Error');
}
