import { z } from 'zod';
import type { Emulator } from '../emulator.ts';
import { noSuch } from '../errors.ts';
import { expand, listPaths } from '../expand.ts';
import { createdFilter, listParamsSchema, paginate, type ListParams } from '../pagination.ts';
import type { StoredObject } from '../store.ts';
import type { Route } from '../router.ts';
import { expand as expandParam, validate } from '../validation.ts';

/** One kind of Stripe object: where it is stored, how its 404 names it, where its endpoints are. */
export interface Kind {
	/** The `object` value, also the store's type. */
	type: string;
	/** The name in "No such …" (Stripe's wording: `customer`, `PaymentMethod`, `price`…). */
	noun: string;
	/** The path parameter named in the 404's `param`. */
	param: string;
	/** `/v1/customers`. */
	base: string;
}

export function getOrThrow<T>(emu: Emulator, kind: Kind, id: string): T {
	const found = emu.store.get(kind.type, id);
	if (!found) throw noSuch(kind.noun, id, kind.param);
	return found as T;
}

const retrieveSchema = z.strictObject({ expand: expandParam });

/** `GET base/:id` with `expand[]`; `present` shows what the store keeps aside (line items…). */
export function retrieveRoute(
	kind: Kind,
	present: (emu: Emulator, object: StoredObject, paths: string[]) => unknown = (emu, o, paths) =>
		expand(emu, o, paths),
	schema: z.ZodType<{ expand?: string[] }> = retrieveSchema
): Route {
	return {
		method: 'GET',
		path: `${kind.base}/:id`,
		handler: (emu, req) =>
			present(emu, getOrThrow(emu, kind, req.path.id), validate(schema, req.params).expand ?? [])
	};
}

export const listSchema = listParamsSchema.extend({ expand: expandParam });

type ListQuery = ListParams & { expand?: string[] };

type Present = (emu: Emulator, object: StoredObject, paths: string[]) => unknown;
const expandIt: Present = (emu, object, paths) => expand(emu, object, paths);

/** One page of a list: `created` ranges, cursors, `expand[]=data.x`. */
export function listPage(
	emu: Emulator,
	items: StoredObject[],
	params: ListQuery,
	url: string,
	present: Present = expandIt
) {
	const created = createdFilter(params.created);
	const page = paginate(
		items.filter((o) => created(o.created ?? 0)),
		params,
		url
	);
	const paths = listPaths(params.expand);
	return { ...page, data: page.data.map((o) => present(emu, o, paths)) };
}

/**
 * `GET base`: newest first, with the endpoint's own filters: `filter` turns the validated
 * parameters into a test of each object.
 */
export function listRoute<S extends z.ZodType<ListQuery>, T = never>(
	kind: Kind,
	schema: S,
	filter: (params: z.output<S>, emu: Emulator) => (object: T) => boolean,
	present: Present = expandIt,
	source: (emu: Emulator) => StoredObject[] = (emu) => emu.store.all(kind.type)
): Route {
	return {
		method: 'GET',
		path: kind.base,
		handler: (emu, req) => {
			const params = validate(schema, req.params);
			const matches = filter(params, emu);
			const items = source(emu).filter((o) => matches(o as T));
			return listPage(emu, items, params, kind.base, present);
		}
	};
}
