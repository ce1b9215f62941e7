import postgres from 'postgres';
import { asServiceRole as serviceRoleOn } from '$shared/service-role.ts';
import { config } from './config';
import { statement, type Statement } from './statement';

let client: postgres.Sql | undefined;

/**
 * The app's connection pool to Postgres (no PostgREST: see docs/architecture.md). In production
 * DATABASE_URL is Supabase's pooled connection string; `prepare: false` keeps it working behind
 * the transaction-mode pooler.
 */
export function db(): postgres.Sql {
	client ??= postgres(config().DATABASE_URL, {
		max: 10,
		idle_timeout: 30,
		prepare: false,
		onnotice: () => {}
	});
	return client;
}

/** Closes the pool (at shutdown), so the process can exit. */
export async function closeDb() {
	await client?.end({ timeout: 5 });
	client = undefined;
}

/**
 * The caller's JWT claims as PostgREST hands them to Postgres: the verified Supabase session's
 * (the RLS rules read `sub`, `role`, `session_id` and `amr`), or just the anon role.
 */
export type Claims = { role: 'anon' | 'authenticated'; sub?: string } & Record<string, unknown>;

export const anonymous: Claims = { role: 'anon' };

/**
 * Runs queries as the caller would run them through PostgREST: in a transaction with
 * `role` and `request.jwt.claims` set, so the tables' RLS policies decide what is visible.
 */
export function asUser<T>(claims: Claims, work: (sql: postgres.TransactionSql) => Promise<T>) {
	return db().begin(async (sql) => {
		// Sent now (`execute`: a postgres.js query otherwise waits until it is awaited, and would
		// go out after the work's), not awaited: postgres.js pipelines what is queued on the
		// transaction's connection, so the claims go out with the work's first query and cost no
		// round trip of their own. Postgres runs them in order, and a failure aborts the
		// transaction, so no query runs without them.
		const claimed = sql`select set_config('role', ${claims.role}, true),
			set_config('request.jwt.claims', ${JSON.stringify(claims)}, true)`.execute();
		const [, result] = await Promise.all([claimed, work(sql)]);
		return result;
	}) as Promise<T>;
}

/**
 * Reads as the caller, like `asUser`, in one round trip: the claims and every statement go out
 * as one simple-protocol message, which Postgres runs as one transaction (the claims, set local
 * to it, hold for each statement and are gone after; an error stops the rest). `asUser` costs a
 * round trip for BEGIN, two for each query with parameters (postgres.js, unprepared, asks
 * Postgres for their types first), and one for COMMIT: about ten for a page that reads three
 * things, each a socket write and a wake-up on both sides (docs/architecture.md "Fast pages").
 * Returns each statement's rows, in order.
 */
export async function asUserAtOnce<Rows extends unknown[][]>(
	claims: Claims,
	statements: { [K in keyof Rows]: Statement }
): Promise<Rows> {
	const claimed = statement`select set_config('role', ${claims.role}, true),
		set_config('request.jwt.claims', ${JSON.stringify(claims)}, true)`;
	const text = [claimed, ...statements].map((s) => s.text).join(';\n');
	// No parameters: postgres.js sends it as a simple Query, whose several results come back
	// as an array of row lists.
	const results = (await db().unsafe(text)) as unknown as unknown[][];
	return results.slice(1) as Rows;
}

/** Runs server-only work as `service_role`: the role the security definer functions are granted to. */
export const asServiceRole = <T>(work: (sql: postgres.TransactionSql) => Promise<T>) =>
	serviceRoleOn(db(), work);
