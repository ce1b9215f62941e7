// Row types for postgres.js queries, built on the types `supabase gen types` writes from the schema
// (database.types.ts; `npm run db:types`), so a migration that changes a column changes the type
// of every query that selects it. The generated types describe JSON as PostgREST sends it; the
// helpers here say what postgres.js hands over instead, and what the generator cannot know.
import type { Database } from './database.types.ts';

type Public = Database['public'];
type Relations = Public['Tables'] & Public['Views'];
type Functions = Public['Functions'];
type RowOf<T extends keyof Relations> = Relations[T]['Row'];

/**
 * Timestamp columns, by the schema's naming rule: `*_at`, `since` and `send_after` (a test checks
 * the rule against the database). postgres.js parses them into Date objects, not ISO strings.
 */
type Timestamp = `${string}_at` | 'since' | 'send_after';
type Read<Name, Value> = Name extends Timestamp ? Date | Extract<Value, null> : Value;
type ReadAll<Row> = { [K in keyof Row]: Read<K, Row[K]> };

/** snake_case to camelCase, as the queries alias columns (`price_cents as "priceCents"`). */
type Camel<S extends string> = S extends `${infer Head}_${infer Tail}`
	? `${Head}${Capitalize<Camel<Tail>>}`
	: S;

/** Columns `C` of a table or view, named as in SQL: `Columns<'products', 'id' | 'slug'>`. */
export type Columns<T extends keyof Relations, C extends keyof RowOf<T>> = ReadAll<
	Pick<RowOf<T>, C>
>;

/** Columns `C`, each aliased to its camelCase name: `Aliased<'products', 'price_cents'>` is `{ priceCents: number }`. */
export type Aliased<T extends keyof Relations, C extends keyof RowOf<T>> = {
	[K in C as Camel<K & string>]: Read<K, RowOf<T>[K]>;
};

/** One column, for a query that names it otherwise (`pu.created_at as "purchasedAt"`). */
export type Column<T extends keyof Relations, C extends keyof RowOf<T>> = Read<C, RowOf<T>[C]>;

/** What a SQL function returns, as a scalar (`select public.is_admin() as admin`). */
export type Returns<F extends keyof Functions> = Functions[F]['Returns'];

/** One row of a set-returning function (`returns table (…)`, `returns setof …`). */
export type Returned<F extends keyof Functions> =
	Returns<F> extends (infer Row)[] ? (Row extends object ? ReadAll<Row> : Row) : never;

/**
 * `Row` where the columns `K` may be null: an outer join's, or what a function returns (the
 * generator types those as never null; Postgres does not say).
 */
export type Nullable<Row, K extends keyof Row> = Omit<Row, K> & { [P in K]: Row[P] | null };

/** `Row` with `Typed`'s types for some of its columns: a JSON column's shape, a cast's type. */
export type With<Row, Typed extends { [K in keyof Row]?: unknown }> = Omit<Row, keyof Typed> &
	Typed;

export type Enum<E extends keyof Public['Enums']> = Public['Enums'][E];
