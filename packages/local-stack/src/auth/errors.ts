/**
 * GoTrue's error answers. An HTTP error carries a status, an `error_code` and a message; how it
 * is written depends on the API version the client asked for (section 0 of supabase-auth.md).
 */
export class ApiError extends Error {
	readonly status: number;
	readonly errorCode: string;
	constructor(status: number, errorCode: string, message: string) {
		super(message);
		this.status = status;
		this.errorCode = errorCode;
	}
}

/** OAuth-style errors (`{error, error_description}`), used by a few token endpoint checks. */
export class OAuthError extends Error {
	readonly status: number;
	readonly error: string;
	constructor(error: string, description: string, status = 400) {
		super(description);
		this.error = error;
		this.status = status;
	}
}

export const badRequest = (code: string, message: string) => new ApiError(400, code, message);
export const forbidden = (code: string, message: string) => new ApiError(403, code, message);
export const unprocessable = (code: string, message: string) => new ApiError(422, code, message);
export const notFound = (code: string, message: string) => new ApiError(404, code, message);
export const validation = (message: string, status = 400) =>
	new ApiError(status, 'validation_failed', message);

/** The first dated API version; a request header naming it or a later date selects the new shape. */
export const API_VERSION_2024 = '2024-01-01';

/** The API version a request asked for, or undefined when absent or not a date GoTrue knows. */
export function requestedApiVersion(header: string | undefined): string | undefined {
	if (!header || !/^\d{4}-\d{2}-\d{2}$/.test(header.trim())) return undefined;
	const date = Date.parse(`${header.trim()}T00:00:00Z`);
	return Number.isNaN(date) || date < Date.parse(`${API_VERSION_2024}T00:00:00Z`)
		? undefined
		: API_VERSION_2024;
}

export interface ErrorAnswer {
	status: number;
	headers: Record<string, string>;
	body: Record<string, unknown>;
}

/** The status, headers and body GoTrue sends for an error, in the shape the request asked for. */
export function errorAnswer(
	error: ApiError | OAuthError,
	apiVersion: string | undefined,
	requestId = ''
): ErrorAnswer {
	if (error instanceof OAuthError) {
		return {
			status: error.status,
			headers: {},
			body: { error: error.error, error_description: error.message }
		};
	}
	const headers: Record<string, string> = {};
	if (error.errorCode) headers['x-sb-error-code'] = error.errorCode;
	// An error without a code (a hook's own) gets one in the body only, as GoTrue fills it in.
	const code = error.errorCode || (error.status === 500 ? 'unexpected_failure' : 'unknown');
	if (apiVersion) {
		headers['x-supabase-api-version'] = apiVersion;
		return { status: error.status, headers, body: { code, message: error.message } };
	}
	const body: Record<string, unknown> = {
		code: error.status,
		error_code: code,
		msg: error.message
	};
	if (error.status >= 500) body.error_id = requestId;
	return { status: error.status, headers, body };
}
