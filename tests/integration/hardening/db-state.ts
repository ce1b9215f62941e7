import type postgres from 'postgres';

/**
 * A fingerprint of the app's data: row count and checksum of every table a request could write
 * (and of the accounts and sessions in Supabase Auth's schema). Rate-limit hits are split by
 * what they limit, because a login request may rightly count against the login limits.
 */
const tables = {
	products: 'public.products',
	product_content: 'public.product_content',
	purchases: 'public.purchases',
	stripe_events: 'public.stripe_events',
	purchase_emails: 'public.purchase_emails',
	users: 'auth.users',
	sessions: 'auth.sessions'
};

export type DbState = Record<string, string>;

const fingerprint = (from: string, where = 'true') =>
	`(select count(*) || ':' || coalesce(md5(string_agg(t::text, '|' order by t::text)), '') from ${from} t where ${where})`;

const query = `select ${[
	...Object.entries(tables).map(([name, table]) => `${fingerprint(table)} as ${name}`),
	`${fingerprint('public.rate_limit_hits', "bucket like 'login-%'")} as login_rate_limits`,
	`${fingerprint('public.rate_limit_hits', "bucket not like 'login-%'")} as other_rate_limits`
].join(', ')}`;

export async function dbState(sql: postgres.Sql): Promise<DbState> {
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
