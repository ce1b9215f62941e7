import { fileURLToPath } from 'node:url';
import type { Sql } from 'postgres';
import { migrateOwnedSchema } from '../postgres/owned-schema.ts';

/**
 * Creates Storage's tables, as storage-api runs its migrations at start, owned by
 * supabase_storage_admin and recorded in storage.stack_migrations: storage.migrations is
 * storage-api's own record of its migrations, which it alone writes.
 */
export const migrateStorage = (sql: Sql, log?: (m: string) => void) =>
	migrateOwnedSchema(
		sql,
		{
			schema: 'storage',
			owner: 'supabase_storage_admin',
			migrationsDir: fileURLToPath(new URL('./migrations/', import.meta.url))
		},
		log
	);
