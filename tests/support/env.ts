import { loadConfig } from '../../stack/lib/config.ts';
import { stackPaths } from '../../stack/lib/paths.ts';
import { apiKeys } from '../../stack/lib/keys.ts';

const config = loadConfig(stackPaths().supabase);
const keys = await apiKeys(config.auth.jwtSecret);

/** Where the running local stack answers, read from the same config.toml the stack reads. */
export function stackEnv() {
	return {
		config,
		apiUrl: `http://127.0.0.1:${config.apiPort}`,
		databaseUrl: `postgresql://postgres:postgres@127.0.0.1:${config.dbPort}/postgres`,
		mailApiUrl: `http://127.0.0.1:${config.mail.webPort}/api`,
		smtpPort: config.mail.smtpPort,
		anonKey: keys.anon,
		serviceRoleKey: keys.serviceRole,
		jwtSecret: keys.jwtSecret
	};
}
