/**
 * Storage's error answers, as storage-api renders them: the body carries the error's own status
 * as a string (`statusCode: "404"`), a legacy `error` label, the message and a `code`; the HTTP
 * status is 400 for every client error (500 stays 500), except where storage-api sets one itself
 * (416 for a bad range, 403 for a role a route refuses). Codes and wording from storage-api's
 * `src/internal/errors/codes.ts`.
 */
export class StorageError extends Error {
	readonly statusCode: number;
	readonly code: string;
	readonly error: string;
	readonly httpStatus: number;

	constructor(
		statusCode: number,
		code: string,
		message: string,
		options: { error?: string; httpStatus?: number } = {}
	) {
		super(message);
		this.statusCode = statusCode;
		this.code = code;
		this.error = options.error ?? code;
		this.httpStatus = options.httpStatus ?? (statusCode === 500 ? 500 : 400);
	}

	get body() {
		return {
			statusCode: String(this.statusCode),
			error: this.error,
			message: this.message,
			code: this.code
		};
	}
}

const duplicate = (code: string) =>
	new StorageError(409, code, 'The resource already exists', { error: 'Duplicate' });

export const errors = {
	noSuchBucket: () =>
		new StorageError(404, 'NoSuchBucket', 'Bucket not found', { error: 'Bucket not found' }),
	noSuchKey: () => new StorageError(404, 'NoSuchKey', 'Object not found', { error: 'not_found' }),
	invalidKey: (key: string) => new StorageError(400, 'InvalidKey', `Invalid key: ${key}`),
	invalidBucketName: () =>
		new StorageError(400, 'InvalidBucketName', 'Bucket name invalid', { error: 'Invalid Input' }),
	bucketAlreadyExists: () => duplicate('BucketAlreadyExists'),
	keyAlreadyExists: () => duplicate('KeyAlreadyExists'),
	resourceAlreadyExists: () => duplicate('ResourceAlreadyExists'),
	bucketNotEmpty: () =>
		new StorageError(409, 'ResourceNotEmpty', 'The bucket you tried to delete is not empty'),
	accessDenied: (message = 'Access denied', httpStatus?: number) =>
		new StorageError(403, 'AccessDenied', message, { error: 'Unauthorized', httpStatus }),
	invalidJwt: (message = 'Invalid JWT') => new StorageError(400, 'InvalidJWT', message),
	invalidSignature: (message = 'Invalid signature') =>
		new StorageError(400, 'InvalidSignature', message),
	expiredSignature: () => new StorageError(400, 'ExpiredToken', 'The provided token has expired.'),
	entityTooLarge: () =>
		new StorageError(413, 'EntityTooLarge', 'The object exceeded the maximum allowed size', {
			error: 'Payload too large'
		}),
	invalidMimeType: (mimeType: string) =>
		new StorageError(415, 'InvalidMimeType', `mime type ${mimeType} is not supported`, {
			error: 'invalid_mime_type'
		}),
	invalidRange: () =>
		new StorageError(416, 'InvalidRange', 'invalid range provided', {
			error: 'invalid_range',
			httpStatus: 416
		}),
	/** A request that fails its schema: storage-api's wording is Fastify's, its label "Error". */
	invalidRequest: (message: string) =>
		new StorageError(400, 'InvalidRequest', message, { error: 'Error' }),
	invalidParameter: (name: string, message = `Invalid Parameter ${name}`) =>
		new StorageError(400, 'InvalidParameter', message),
	noContentProvided: () => new StorageError(400, 'InvalidRequest', 'No content provided'),
	invalidFileSizeLimit: () =>
		new StorageError(
			400,
			'InvalidRequest',
			'Invalid file size format, hint: use 20GB / 20MB / 30KB / 3B'
		),
	relatedResourceNotFound: () =>
		new StorageError(404, 'InvalidRequest', 'The related resource does not exist'),
	databaseError: (sqlState: string) =>
		new StorageError(500, 'DatabaseError', `database error, code: ${sqlState}`),
	internal: () => new StorageError(500, 'InternalError', 'Internal server error')
};

/**
 * A Postgres error met while running a request's metadata query, as storage-api maps it: an
 * RLS refusal or missing privilege is AccessDenied, a unique violation a duplicate, and so on.
 */
export function fromPostgresError(error: { code?: string; message?: string }): StorageError {
	switch (error.code) {
		case '42501':
			return errors.accessDenied(
				error.message?.includes('row-level security')
					? 'new row violates row-level security policy'
					: (error.message ?? 'Access denied')
			);
		case '23505':
			return errors.resourceAlreadyExists();
		case '23503':
			return errors.relatedResourceNotFound();
		case '22P02':
			return errors.invalidParameter('value', error.message);
		default:
			return errors.databaseError(error.code ?? 'unknown');
	}
}
