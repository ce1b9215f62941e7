import { z } from 'zod';
import { invalidRequest } from './errors.ts';

/** The parameters every Stripe list endpoint takes; each endpoint `.extend`s it with its filters. */
export const listParamsSchema = z.strictObject({
	limit: z.string().optional(),
	starting_after: z.string().optional(),
	ending_before: z.string().optional(),
	created: z.union([z.string(), z.record(z.string(), z.string())]).optional()
});

export interface ListParams {
	limit?: unknown;
	starting_after?: unknown;
	ending_before?: unknown;
	created?: unknown;
}

export interface ListObject<T> {
	object: 'list';
	data: T[];
	has_more: boolean;
	url: string;
}

function parseLimit(value: unknown): number {
	if (value === undefined || value === '') return 10;
	if (typeof value !== 'string' || !/^\d+$/.test(value))
		throw invalidRequest(`Invalid integer: ${String(value)}`, 'limit', 'parameter_invalid_integer');
	const limit = Number(value);
	if (limit < 1 || limit > 100)
		throw invalidRequest(
			'This value must be greater than or equal to 1 and less than or equal to 100.',
			'limit',
			'parameter_invalid_integer'
		);
	return limit;
}

/**
 * One page of a list (items given newest first), with Stripe's cursors: `starting_after` pages
 * towards older items, `ending_before` towards newer ones; `has_more` says whether that direction
 * has more. An unknown cursor id is an error, as on Stripe.
 */
export function paginate<T extends { id: string }>(
	items: T[],
	params: ListParams,
	url: string
): ListObject<T> {
	const limit = parseLimit(params.limit);
	const cursor = (name: 'starting_after' | 'ending_before') => {
		const id = params[name];
		if (id === undefined || id === '') return undefined;
		const index = items.findIndex((item) => item.id === id);
		if (index < 0)
			throw invalidRequest(`No such object: '${String(id)}'`, name, 'resource_missing');
		return index;
	};
	const after = cursor('starting_after');
	const before = cursor('ending_before');
	if (before !== undefined) {
		const start = Math.max(0, before - limit);
		return { object: 'list', data: items.slice(start, before), has_more: start > 0, url };
	}
	const start = after === undefined ? 0 : after + 1;
	return {
		object: 'list',
		data: items.slice(start, start + limit),
		has_more: start + limit < items.length,
		url
	};
}

const bound = (value: unknown, name: string): number => {
	if (typeof value !== 'string' || !/^\d+$/.test(value))
		throw invalidRequest(`Invalid integer: ${String(value)}`, name, 'parameter_invalid_integer');
	return Number(value);
};

/** A `created` filter: an exact timestamp or any of `gt`, `gte`, `lt`, `lte`. */
export function createdFilter(created: unknown): (timestamp: number) => boolean {
	if (created === undefined || created === '') return () => true;
	if (typeof created === 'string') {
		const exact = bound(created, 'created');
		return (t) => t === exact;
	}
	const range = created as Record<string, unknown>;
	const checks: ((t: number) => boolean)[] = [];
	for (const [op, value] of Object.entries(range)) {
		const n = bound(value, `created[${op}]`);
		if (op === 'gt') checks.push((t) => t > n);
		else if (op === 'gte') checks.push((t) => t >= n);
		else if (op === 'lt') checks.push((t) => t < n);
		else if (op === 'lte') checks.push((t) => t <= n);
		else
			throw invalidRequest(
				`Received unknown parameter: created[${op}]`,
				`created[${op}]`,
				'parameter_unknown'
			);
	}
	return (t) => checks.every((check) => check(t));
}
