import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { StripeApiError } from '../../../src/stripe/errors.ts';
import { bool, mergeMetadata, validate } from '../../../src/stripe/validation.ts';

describe('metadata updates', () => {
	it('merge keys, remove a key set to an empty string, and clear everything with metadata=""', () => {
		expect(mergeMetadata({ a: '1', b: '2' }, { b: '', c: '3' })).toEqual({ a: '1', c: '3' });
		expect(mergeMetadata({ a: '1' }, '')).toEqual({});
		expect(mergeMetadata({ a: '1' }, undefined)).toEqual({ a: '1' });
		expect(mergeMetadata(null, { a: '1' })).toEqual({ a: '1' });
	});
});

describe('validation errors', () => {
	it('say what Stripe says for a bad boolean and are refused before the endpoint runs', () => {
		const error = (() => {
			try {
				validate(z.strictObject({ active: bool.optional() }), { active: 'yes' });
			} catch (e) {
				return e as StripeApiError;
			}
		})();
		expect(error?.body()).toMatchObject({
			error: { message: 'Invalid boolean: yes', param: 'active', code: 'parameter_invalid_boolean' }
		});
		expect(error?.beforeExecution).toBe(true);
	});
});
