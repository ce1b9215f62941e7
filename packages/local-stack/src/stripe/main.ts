import path from 'node:path';
import { apiUrl } from '../config/context.ts';
import { readPorts } from '../config/ports.ts';
import { startStripeEmulator } from './server.ts';
import { stackWebhookEndpoint } from './settings.ts';

/**
 * The emulator as a process of the local stack. Settings come from the environment:
 * STRIPE_EMULATOR_PORT, STRIPE_EMULATOR_STATE, STRIPE_SECRET_KEY (the one key accepted),
 * STRIPE_WEBHOOK_URL + STRIPE_WEBHOOK_SECRET (the endpoint), STRIPE_WEBHOOK_RETRY_FACTOR; without
 * them, the stack's ports and `.local/stripe/state.json` of the project.
 */
const env = process.env;
const workdir = env.STACK_WORKDIR ?? process.cwd();
const ports = readPorts(path.join(workdir, 'supabase'));
const running = await startStripeEmulator({
	port: Number(env.STRIPE_EMULATOR_PORT ?? ports.stripe),
	stateFile: env.STRIPE_EMULATOR_STATE ?? path.join(workdir, '.local/stripe/state.json'),
	apiKey: env.STRIPE_SECRET_KEY,
	asyncSettleMs: Number(env.STRIPE_ASYNC_SETTLE_MS ?? 5000),
	webhooks: {
		endpoints: [stackWebhookEndpoint(env, env.SUPABASE_URL ?? apiUrl(ports))],
		retryFactor: Number(env.STRIPE_WEBHOOK_RETRY_FACTOR ?? 0.01)
	}
});
console.log(`Stripe emulator listening on ${running.url}`);
for (const signal of ['SIGINT', 'SIGTERM'] as const)
	process.once(signal, () => void running.close().then(() => process.exit(0)));
