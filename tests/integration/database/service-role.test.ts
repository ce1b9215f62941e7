import { afterAll, expect, test } from 'vitest';
import { asServiceRole } from '../../../supabase/functions/_shared/service-role.ts';
import { adminSql } from '../../support/db.ts';

// asServiceRole pipelines `set local role` with the work's first query (one round trip fewer):
// the work must still run as service_role from its first statement, and as nobody else after.
const sql = adminSql();
afterAll(() => sql.end());

test('the work runs as service_role from its first query, pipelined or not', async () => {
	const [first] = await asServiceRole(
		sql,
		(tx) => tx<{ role: string }[]>`select current_user as role`
	);
	expect(first.role).toBe('service_role');
	const both = await asServiceRole(sql, (tx) =>
		Promise.all([
			tx<{ role: string }[]>`select current_user as role`,
			tx<{ role: string }[]>`select current_user as role`
		])
	);
	expect(both.map(([row]) => row.role)).toEqual(['service_role', 'service_role']);
	const [after] = await sql<{ role: string }[]>`select current_user as role`;
	expect(after.role).toBe('postgres');
});
