// Server-only writes go through security definer functions granted to service_role alone; this
// runs work as that role, in one transaction. Shared by the store's server and the functions.
import type { Sql, TransactionSql } from 'postgres';

export function asServiceRole<T>(sql: Sql, work: (tx: TransactionSql) => Promise<T>): Promise<T> {
	return sql.begin(async (tx) => {
		// Sent now (`execute`: a postgres.js query otherwise waits until it is awaited, and would go
		// out after the work's), not awaited: pipelined with the work's first query, one round trip
		// fewer. Postgres runs them in order, and a failure aborts the transaction.
		const role = tx`set local role service_role`.execute();
		const [, result] = await Promise.all([role, work(tx)]);
		return result;
	}) as Promise<T>;
}
