import type { Sql } from 'postgres';
import type { StackContext } from '../config/context.ts';

/** One row of the table `npm run stack` prints. */
export interface Endpoint {
	label: string;
	value: string;
}

/**
 * A service of the local stack. Adding a service is adding a module that exports one of these
 * and listing it in `services/index.ts`. `start` returns once the process is launched in the
 * background; the stack then polls `health` until it answers or the service's deadline passes.
 */
export interface Service {
	name: string;
	/** Loopback ports the service owns; a port held by another program is reported by name. */
	ports: (ctx: StackContext) => number[];
	start: (ctx: StackContext) => Promise<void>;
	health: (ctx: StackContext) => Promise<boolean>;
	stop: (ctx: StackContext) => Promise<void>;
	/** Seconds `up` waits for health after start (a cold Postgres init takes longer). */
	startTimeout?: number;
	/** Rows for the printed table once the service is healthy. */
	endpoints?: (ctx: StackContext) => Endpoint[];
	/**
	 * Work after the service is healthy, every `up` (e.g. apply pending migrations). `stack` is
	 * every service, in start order: handed in, so no service module imports the list of them.
	 */
	ready?: (ctx: StackContext, stack: readonly Service[]) => Promise<void>;
	/** Variables this service contributes to the app's `.env` (never overwriting the user's). */
	appEnv?: (ctx: StackContext) => Record<string, string>;
	/**
	 * Creates the schema this service owns in a database, before the app's migrations run (as the
	 * Supabase image ships the `auth` tables the app's foreign keys point at).
	 */
	prepareDatabase?: (ctx: StackContext, sql: Sql) => Promise<void>;
	/** A development aid the store does not need: if it cannot start, `up` warns and goes on. */
	optional?: boolean;
	/** Keeps state in the database (its own schema): stopped before a reset, started after it. */
	restartOnReset?: boolean;
	/** Secrets this service gives the edge functions, merged into `supabase/functions/.env`. */
	functionsEnv?: (ctx: StackContext) => Record<string, string>;
}
