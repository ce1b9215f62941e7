import type postgres from 'postgres';

/**
 * A fingerprint of the app's data: row count and checksum of every table in schema `public`
 * (read from the catalogue, so a new table is covered the day it lands) and of the accounts and
 * sessions in Supabase Auth's schema. Rate-limit hits are split by what they limit, because a
 * login request may rightly count against the login limits.
 */
export type DbState = Record<string, string>;

/** Rows and the sum of their hashes: any insert, update or delete moves it (no sorting needed). */
const fingerprint = (from: string, where = 'true') =>
	`(select count(*) || ':' || coalesce(sum(hashtextextended(t::text, 0)), 0) from ${from} t where ${where})`;

let query: string | undefined;

async function stateQuery(sql: postgres.Sql) {
	const tables = await sql<{ name: string }[]>`
		select table_name as name from information_schema.tables
		where table_schema = 'public' and table_type = 'BASE TABLE' and table_name <> 'rate_limit_hits'
		order by 1`;
	return `select ${[
		...tables.map(({ name }) => `${fingerprint(`public."${name}"`)} as "${name}"`),
		`${fingerprint('auth.users')} as auth_users`,
		`${fingerprint('auth.sessions')} as auth_sessions`,
		`${fingerprint('public.rate_limit_hits', "bucket like 'login-%'")} as login_rate_limits`,
		`${fingerprint('public.rate_limit_hits', "bucket not like 'login-%'")} as other_rate_limits`
	].join(', ')}`;
}

export async function dbState(sql: postgres.Sql): Promise<DbState> {
	query ??= await stateQuery(sql);
	const [row] = await sql.unsafe(query);
	return { ...row };
}

/**
 * What a target may change, said per target in the suite: `nothing`, or `login limits` (a login
 * or code form with a well-formed address is counted against its limits, which is the point of
 * them; nothing else may change).
 */
export type Allowed = 'nothing' | 'login limits';

/** The entries of `after` that differ from `before` beyond what is allowed. */
export function unexpectedChanges(before: DbState, after: DbState, allowed: Allowed) {
	return Object.keys(before).filter(
		(key) =>
			before[key] !== after[key] && !(allowed === 'login limits' && key === 'login_rate_limits')
	);
}
