import type { Sql, TransactionSql } from 'postgres';
import { fromPostgresError, StorageError } from './errors.ts';
import type { Caller } from './jwt.ts';

/**
 * The storage server's database access, as storage-api does it: every metadata query runs in a
 * transaction that first becomes the request's role and sets `request.jwt.claims` (and the other
 * `request.*` settings) locally, so the project's RLS policies on `storage.objects` and
 * `storage.buckets` decide. The service role bypasses RLS the same way, by being that role.
 */
export type Tx = TransactionSql<Record<string, never>>;

/** Who a query runs as and what for: the request's caller, or the server itself (service_role). */
export interface Scope {
	caller: Caller;
	method: string;
	path: string;
	headers: Record<string, string | string[] | undefined>;
	/** storage-api's operation name (`storage.object.upload`…), readable by `storage.operation()`. */
	operation: string;
}

class RollBack extends Error {
	readonly result: unknown;
	constructor(result: unknown) {
		super('rolled back on purpose');
		this.result = result;
	}
}

function storageErrorOf(error: unknown): unknown {
	if (error instanceof StorageError) return error;
	const pg = error as { code?: string; severity?: string };
	return typeof pg.code === 'string' && pg.severity ? fromPostgresError(pg) : error;
}

export class StorageDb {
	readonly sql: Sql;
	private readonly serviceCaller: Caller;

	constructor(sql: Sql, serviceRoleKey: string) {
		this.sql = sql;
		this.serviceCaller = {
			claims: { role: 'service_role' },
			role: 'service_role',
			jwt: serviceRoleKey,
			authenticated: true
		};
	}

	/** The same request, run as the server (storage-api's `asSuperUser()`). */
	superUser(scope: Scope): Scope {
		return { ...scope, caller: this.serviceCaller };
	}

	/** Runs `work` in one transaction as the scope's role; Postgres errors become Storage errors. */
	async run<T>(scope: Scope, work: (tx: Tx) => Promise<T>): Promise<T> {
		try {
			return (await this.sql.begin(async (tx) => {
				await enterScope(tx, scope);
				return work(tx);
			})) as T;
		} catch (error) {
			throw storageErrorOf(error);
		}
	}

	/**
	 * Runs `work` as the scope's role and rolls it back: whether the policies would let it happen
	 * (storage-api's `testPermission`, used before bytes are written).
	 */
	async tryAndRollBack<T>(scope: Scope, work: (tx: Tx) => Promise<T>): Promise<T> {
		try {
			await this.run(scope, async (tx) => {
				throw new RollBack(await work(tx));
			});
		} catch (error) {
			if (error instanceof RollBack) return error.result as T;
			throw error;
		}
		throw new Error('unreachable: the transaction always rolls back');
	}
}

/** Makes the rest of a transaction run as `scope` (what storage-api's `setScope` does). */
export async function enterScope(tx: Tx, scope: Scope) {
	const { caller } = scope;
	await tx`select
		set_config('role', ${caller.role}, true),
		set_config('request.jwt.claim.role', ${caller.role}, true),
		set_config('request.jwt', ${caller.jwt}, true),
		set_config('request.jwt.claim.sub', ${caller.owner ?? ''}, true),
		set_config('request.jwt.claims', ${JSON.stringify(caller.claims)}, true),
		set_config('request.headers', ${JSON.stringify(scope.headers)}, true),
		set_config('request.method', ${scope.method}, true),
		set_config('request.path', ${scope.path}, true),
		set_config('storage.operation', ${scope.operation}, true),
		set_config('storage.allow_delete_query', 'true', true)`;
}
