import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Service, StackContext } from '../lib/service.ts';
import { httpOk, processFiles, spawnDetached, stopProcess } from '../lib/processes.ts';
import { DEFAULT_PORT, LOCAL_SECRET_KEY, LOCAL_WEBHOOK_SECRET } from '../stripe/settings.ts';

const entry = fileURLToPath(new URL('../stripe/main.ts', import.meta.url));
const port = () => Number(process.env.STRIPE_EMULATOR_PORT ?? DEFAULT_PORT);
const apiUrl = () => `http://127.0.0.1:${port()}`;

/** What the app and the webhook function read: the official SDK pointed here, and the endpoint's secret. */
const stripeEnv = (): Record<string, string> => ({
	STRIPE_SECRET_KEY: LOCAL_SECRET_KEY,
	STRIPE_API_URL: apiUrl(),
	STRIPE_WEBHOOK_SECRET: LOCAL_WEBHOOK_SECRET
});

/** The Stripe emulator (stack/stripe) on 12111, delivering webhooks to the `stripe-webhook` function. */
export const stripeService: Service & {
	functionsEnv: (ctx: StackContext) => Record<string, string>;
} = {
	name: 'stripe',
	ports: () => [port()],
	start: async (ctx) =>
		void spawnDetached(ctx, 'stripe', process.execPath, [entry], {
			env: {
				STRIPE_EMULATOR_PORT: String(port()),
				STRIPE_EMULATOR_STATE: path.join(ctx.paths.local, 'stripe/state.json'),
				STRIPE_SECRET_KEY: LOCAL_SECRET_KEY,
				STRIPE_WEBHOOK_SECRET: LOCAL_WEBHOOK_SECRET,
				STRIPE_WEBHOOK_URL: `http://127.0.0.1:${ctx.config.apiPort}/functions/v1/stripe-webhook`
			}
		}),
	health: () => httpOk(`${apiUrl()}/_emulator/health`),
	stop: (ctx) => stopProcess(processFiles(ctx, 'stripe').pidFile),
	endpoints: () => [
		{ label: 'Stripe API (emulator)', value: apiUrl() },
		{ label: 'Stripe secret key', value: LOCAL_SECRET_KEY }
	],
	appEnv: stripeEnv,
	functionsEnv: () => ({
		STRIPE_SECRET_KEY: LOCAL_SECRET_KEY,
		STRIPE_API_URL: apiUrl(),
		STRIPE_WEBHOOK_SECRET: LOCAL_WEBHOOK_SECRET
	})
};
