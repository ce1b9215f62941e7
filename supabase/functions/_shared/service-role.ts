// Server-only writes go through security definer functions granted to service_role alone; this
// runs work as that role, in one transaction. Shared by the store's server and the functions.
import type { Sql, TransactionSql } from 'postgres';

export function asServiceRole<T>(sql: Sql, work: (tx: TransactionSql) => Promise<T>): Promise<T> {
	return sql.begin(async (tx) => {
		await tx`set local role service_role`;
		return work(tx);
	}) as Promise<T>;
}
