import { fileURLToPath } from 'node:url';
import { createContext } from './config/context.ts';
import { stripeEnv } from './services/stripe.ts';

/** The command line: `node <stackCli> up|down|status|reset`, for scripts that start the stack. */
export const stackCli = fileURLToPath(new URL('./cli.ts', import.meta.url));

/**
 * Where the running stack answers and the keys it signs with, read from the same
 * `supabase/config.toml` as the stack (the project found from the working directory, or `workdir`).
 */
export async function stackSettings(workdir?: string) {
	const ctx = await createContext(workdir, () => {});
	const { ports } = ctx.config;
	const stripe = stripeEnv(ctx);
	return {
		config: ctx.config,
		ports,
		apiUrl: ctx.env.SUPABASE_URL,
		databaseUrl: ctx.env.SUPABASE_DB_URL,
		mailUrl: `http://127.0.0.1:${ports.mailWeb}`,
		smtpPort: ports.mailSmtp,
		publishableKey: ctx.keys.publishable,
		secretKey: ctx.keys.secret,
		anonKey: ctx.keys.anon,
		serviceRoleKey: ctx.keys.serviceRole,
		jwtSecret: ctx.keys.jwtSecret,
		stripe: {
			apiUrl: stripe.STRIPE_API_URL,
			secretKey: stripe.STRIPE_SECRET_KEY,
			webhookSecret: stripe.STRIPE_WEBHOOK_SECRET
		}
	};
}

export type StackSettings = Awaited<ReturnType<typeof stackSettings>>;
