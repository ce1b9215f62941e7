/** A failure answered as Stripe answers it: `{ error: { type, code, message, param } }` and its status. */
export class StripeApiError extends Error {
	status: number;
	type: string;
	code?: string;
	param?: string;
	declineCode?: string;
	/** Refused before the endpoint ran (bad parameters): Stripe saves no idempotent result for it. */
	beforeExecution = false;

	constructor(
		status: number,
		type: string,
		message: string,
		extra: { code?: string; param?: string; declineCode?: string } = {}
	) {
		super(message);
		this.status = status;
		this.type = type;
		this.code = extra.code;
		this.param = extra.param;
		this.declineCode = extra.declineCode;
	}

	body() {
		const error: Record<string, string> = { type: this.type, message: this.message };
		if (this.code) {
			error.code = this.code;
			error.doc_url = `https://stripe.com/docs/error-codes/${this.code.replaceAll('_', '-')}`;
		}
		if (this.param) error.param = this.param;
		if (this.declineCode) error.decline_code = this.declineCode;
		return { error };
	}
}

export const invalidRequest = (message: string, param?: string, code?: string) =>
	new StripeApiError(400, 'invalid_request_error', message, { param, code });

export const missingParam = (param: string) =>
	invalidRequest(`Missing required param: ${param}.`, param, 'parameter_missing');

export const unknownParam = (param: string) =>
	invalidRequest(`Received unknown parameter: ${param}`, param, 'parameter_unknown');

/** Stripe's 404 names the object type and the id: "No such charge: 'ch_123'". */
export const noSuch = (what: string, id: string, param = 'id') =>
	new StripeApiError(404, 'invalid_request_error', `No such ${what}: '${id}'`, {
		param,
		code: 'resource_missing'
	});

export const notFoundRoute = (method: string, path: string) =>
	new StripeApiError(
		404,
		'invalid_request_error',
		`Unrecognized request URL (${method}: ${path}). Please see https://stripe.com/docs or we can help at https://support.stripe.com/.`
	);

export const authenticationError = (message: string) =>
	new StripeApiError(401, 'authentication_error', message);

export const cardError = (message: string, code: string, declineCode?: string) =>
	new StripeApiError(402, 'card_error', message, { code, declineCode });
