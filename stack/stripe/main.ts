import path from 'node:path';
import { startStripeEmulator } from './server.ts';
import { stackWebhookEndpoint } from './settings.ts';

/**
 * The emulator as a process of the local stack. Settings come from the environment:
 * STRIPE_EMULATOR_PORT, STRIPE_EMULATOR_STATE, STRIPE_SECRET_KEY (the one key accepted),
 * STRIPE_WEBHOOK_URL + STRIPE_WEBHOOK_SECRET (the endpoint), STRIPE_WEBHOOK_RETRY_FACTOR.
 */
const env = process.env;
const running = await startStripeEmulator({
	port: Number(env.STRIPE_EMULATOR_PORT ?? 12111),
	stateFile:
		env.STRIPE_EMULATOR_STATE ??
		path.join(env.STACK_WORKDIR ?? process.cwd(), '.local/stripe/state.json'),
	apiKey: env.STRIPE_SECRET_KEY,
	asyncSettleMs: Number(env.STRIPE_ASYNC_SETTLE_MS ?? 5000),
	webhooks: {
		endpoints: [stackWebhookEndpoint(env)],
		retryFactor: Number(env.STRIPE_WEBHOOK_RETRY_FACTOR ?? 0.01)
	}
});
console.log(`Stripe emulator listening on ${running.url}`);
for (const signal of ['SIGINT', 'SIGTERM'] as const)
	process.once(signal, () => void running.close().then(() => process.exit(0)));
