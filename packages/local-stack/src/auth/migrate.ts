import { fileURLToPath } from 'node:url';
import type { Sql } from 'postgres';
import { migrateOwnedSchema } from '../postgres/owned-schema.ts';

/**
 * Creates GoTrue's tables, as GoTrue's own `migrate` does at start, owned by supabase_auth_admin
 * and recorded in auth.stack_migrations (not GoTrue's auth.schema_migrations).
 */
export const migrateAuth = (sql: Sql, log?: (m: string) => void) =>
	migrateOwnedSchema(
		sql,
		{
			schema: 'auth',
			owner: 'supabase_auth_admin',
			migrationsDir: fileURLToPath(new URL('./migrations/', import.meta.url))
		},
		log
	);
