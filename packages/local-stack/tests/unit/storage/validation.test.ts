import { describe, expect, it } from 'vitest';
import { fromPostgresError } from '../../../src/storage/errors.ts';
import { schemas, validate } from '../../../src/storage/validation.ts';

const refusal = (run: () => unknown) => {
	try {
		run();
	} catch (error) {
		return (error as { body: unknown }).body;
	}
	return 'accepted';
};

describe('validate', () => {
	it('words a refusal as Fastify does for storage-api', () => {
		expect(refusal(() => validate('body', schemas.signUrl, { expiresIn: 0 }))).toEqual({
			statusCode: '400',
			error: 'Error',
			message: 'body/expiresIn must be >= 1',
			code: 'InvalidRequest'
		});
		expect(refusal(() => validate('body', schemas.listObjects, {}))).toMatchObject({
			message: "body must have required property 'prefix'"
		});
		expect(refusal(() => validate('body', schemas.createBucket, undefined))).toMatchObject({
			message: 'body must be object'
		});
	});

	it('coerces query strings to the numbers the schema asks for', () => {
		const query = validate<Record<string, unknown>>('querystring', schemas.listBuckets, {
			limit: '5',
			search: 'x'
		});
		expect(query).toEqual({ limit: 5, search: 'x' });
		expect(
			refusal(() => validate('querystring', schemas.listBuckets, { limit: 'five' }))
		).toMatchObject({
			message: 'querystring/limit must be integer'
		});
	});

	it('takes a bucket size as a number or a decimal text', () => {
		expect(
			refusal(() => validate('body', schemas.createBucket, { name: 'b', file_size_limit: '10MB' }))
		).toBe('accepted');
		expect(
			refusal(() => validate('body', schemas.createBucket, { name: 'b', file_size_limit: 'ten' }))
		).toMatchObject({ code: 'InvalidRequest' });
	});
});

describe('fromPostgresError', () => {
	it('maps an RLS refusal, a duplicate and an unknown error as storage-api does', () => {
		expect(
			fromPostgresError({
				code: '42501',
				message: 'new row violates row-level security policy for table "objects"'
			}).body
		).toEqual({
			statusCode: '403',
			error: 'Unauthorized',
			message: 'new row violates row-level security policy',
			code: 'AccessDenied'
		});
		expect(fromPostgresError({ code: '23505' }).code).toBe('ResourceAlreadyExists');
		const other = fromPostgresError({ code: '53300' });
		expect([other.httpStatus, other.message]).toEqual([500, 'database error, code: 53300']);
	});
});
