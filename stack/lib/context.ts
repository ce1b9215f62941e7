import { loadConfig } from './config.ts';
import { apiKeys } from './keys.ts';
import { stackPaths } from './paths.ts';
import type { StackContext } from './service.ts';

/** Everything a service needs to know, built once per command from `supabase/config.toml`. */
export async function createContext(
	workdir?: string,
	log = (m: string) => console.log(m)
): Promise<StackContext> {
	const paths = stackPaths(workdir);
	const config = loadConfig(paths.supabase);
	const keys = await apiKeys(config.auth.jwtSecret);
	const apiUrl = `http://127.0.0.1:${config.apiPort}`;
	return {
		paths,
		config,
		keys,
		log,
		env: {
			STACK_WORKDIR: paths.workdir,
			SUPABASE_URL: apiUrl,
			SUPABASE_ANON_KEY: keys.anon,
			SUPABASE_SERVICE_ROLE_KEY: keys.serviceRole,
			SUPABASE_JWT_SECRET: keys.jwtSecret,
			SUPABASE_DB_URL: `postgresql://postgres:postgres@127.0.0.1:${config.dbPort}/postgres`
		}
	};
}
