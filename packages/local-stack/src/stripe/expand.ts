import type { Emulator } from './emulator.ts';
import { invalidRequest } from './errors.ts';

/** Which stored type an id belongs to, by Stripe's prefixes. */
const typeByPrefix: [string, string][] = [
	['cs_', 'checkout.session'],
	['pi_', 'payment_intent'],
	['ch_', 'charge'],
	['re_', 'refund'],
	['du_', 'dispute'],
	['prod_', 'product'],
	['price_', 'price'],
	['evt_', 'event'],
	['cus_', 'customer'],
	['pm_', 'payment_method'],
	['sub_', 'subscription'],
	['in_', 'invoice'],
	['clock_', 'test_helpers.test_clock'],
	['bpc_', 'billing_portal.configuration']
];

const refuse = (full: string) =>
	invalidRequest(`This property cannot be expanded (${full}).`, 'expand');

function expandOne(emu: Emulator, object: Record<string, unknown>, path: string[], full: string) {
	const [field, ...rest] = path;
	if (!(field in object)) throw refuse(full);
	const value = object[field];
	if (typeof value === 'string') {
		const type = typeByPrefix.find(([prefix]) => value.startsWith(prefix))?.[1];
		const found = type && emu.store.get(type, value);
		if (!found) throw refuse(full);
		object[field] = structuredClone(found);
	}
	if (!rest.length || !object[field] || typeof object[field] !== 'object') return;
	// A list (`items.data.price`) expands the same path in each of its elements.
	const next = object[field] as Record<string, unknown>;
	if (rest[0] === 'data' && Array.isArray(next.data)) {
		for (const element of next.data as Record<string, unknown>[])
			if (rest.length > 1) expandOne(emu, element, rest.slice(1), full);
		return;
	}
	expandOne(emu, next, rest, full);
}

/** Applies `expand[]` to a copy of an object: ids become the objects they name. */
export function expand<T>(emu: Emulator, object: T, paths: string[] = []): T {
	const copy = structuredClone(object) as Record<string, unknown>;
	for (const path of paths) expandOne(emu, copy, path.split('.'), path);
	return copy as T;
}

/** A list's `expand[]` names `data.x`; each element expands `x`. */
export const listPaths = (paths: string[] = []) => paths.map((p) => p.replace(/^data\./, ''));

/**
 * `expand[]` for a list Stripe includes only on request (`line_items`, `payments`), which the
 * emulator keeps beside the object: the other paths expand as ids, `field` becomes the list.
 */
export function expandWithList<T>(
	emu: Emulator,
	object: T,
	paths: string[],
	field: string,
	list: () => { data: unknown[]; url: string }
): T {
	const rest = paths.filter((path) => path !== field);
	const shown = expand(emu, object, rest) as Record<string, unknown>;
	if (rest.length < paths.length) shown[field] = { object: 'list', has_more: false, ...list() };
	return shown as T;
}
