import { apiKeys, type ApiKeys } from './keys.ts';
import { stackPaths, type StackPaths } from './paths.ts';
import { functionsJwks } from './signing-keys.ts';
import type { StackPorts } from './ports.ts';
import { loadConfig, type StackConfig } from './supabase-config.ts';

/** What every service of the stack is given: where things live, the settings, the keys. */
export interface StackContext {
	paths: StackPaths;
	config: StackConfig;
	keys: ApiKeys;
	/** Environment handed to every service process (URLs of the others, keys, DB URL). */
	env: Record<string, string>;
	log: (message: string) => void;
}

/** A database of the stack's Postgres; every role's password is `postgres`, as in Supabase's image. */
export const databaseUrl = (ports: StackPorts, database = 'postgres', user = 'postgres') =>
	`postgresql://${user}:postgres@127.0.0.1:${ports.db}/${database}`;

export const apiUrl = (ports: StackPorts) => `http://127.0.0.1:${ports.api}`;

/** Everything a service needs to know, built once per command from `supabase/config.toml`. */
export async function createContext(
	workdir?: string,
	log = (m: string) => console.log(m)
): Promise<StackContext> {
	const paths = stackPaths(workdir);
	const config = loadConfig(paths.supabase);
	const keys = await apiKeys(config.auth);
	return {
		paths,
		config,
		keys,
		log,
		env: {
			STACK_WORKDIR: paths.workdir,
			SUPABASE_URL: apiUrl(config.ports),
			SUPABASE_ANON_KEY: keys.anon,
			SUPABASE_SERVICE_ROLE_KEY: keys.serviceRole,
			SUPABASE_JWT_SECRET: keys.jwtSecret,
			// The public keys users' JWTs verify with, as the CLI hands them to functions and Storage.
			SUPABASE_JWKS: functionsJwks(config.auth.signingKeys, config.auth.jwtSecret),
			SUPABASE_DB_URL: databaseUrl(config.ports)
		}
	};
}
