import { describe, expect, it } from 'vitest';
import { StripeApiError } from '../../../src/stripe/errors.ts';
import { createdFilter, paginate } from '../../../src/stripe/pagination.ts';

const items = Array.from({ length: 5 }, (_, i) => ({ id: `obj_${5 - i}` })); // newest first

describe('paginate', () => {
	it('pages forward with starting_after until has_more is false', () => {
		const first = paginate(items, { limit: '2' }, '/v1/x');
		expect(first.data.map((o) => o.id)).toEqual(['obj_5', 'obj_4']);
		expect(first.has_more).toBe(true);
		const last = paginate(items, { limit: '2', starting_after: 'obj_2' }, '/v1/x');
		expect(last.data.map((o) => o.id)).toEqual(['obj_1']);
		expect(last.has_more).toBe(false);
	});

	it('pages backward with ending_before', () => {
		const page = paginate(items, { limit: '2', ending_before: 'obj_2' }, '/v1/x');
		expect(page.data.map((o) => o.id)).toEqual(['obj_4', 'obj_3']);
		expect(page.has_more).toBe(true);
	});

	it('defaults to 10 and refuses limits outside 1..100 and unknown cursors', () => {
		expect(paginate(items, {}, '/v1/x').data).toHaveLength(5);
		expect(() => paginate(items, { limit: '101' }, '/v1/x')).toThrow(StripeApiError);
		expect(() => paginate(items, { limit: 'ten' }, '/v1/x')).toThrow(/Invalid integer/);
		expect(() => paginate(items, { starting_after: 'nope' }, '/v1/x')).toThrow(/No such object/);
	});
});

describe('createdFilter', () => {
	it('reads an exact time or gt/gte/lt/lte bounds', () => {
		expect(createdFilter('10')(10)).toBe(true);
		const range = createdFilter({ gte: '10', lt: '20' });
		expect([9, 10, 19, 20].map(range)).toEqual([false, true, true, false]);
		expect(() => createdFilter({ after: '1' })).toThrow(/unknown parameter/);
	});
});
