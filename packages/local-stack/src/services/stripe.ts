import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { apiUrl, type StackContext } from '../config/context.ts';
import { processFiles, spawnDetached, stopProcess } from '../process/background.ts';
import { httpOk } from '../process/probes.ts';
import { LOCAL_SECRET_KEY, LOCAL_WEBHOOK_SECRET } from '../stripe/settings.ts';
import type { Service } from './service.ts';

const entry = fileURLToPath(new URL('../stripe/main.ts', import.meta.url));
const port = (ctx: StackContext) =>
	Number(process.env.STRIPE_EMULATOR_PORT ?? ctx.config.ports.stripe);
const emulatorUrl = (ctx: StackContext) => `http://127.0.0.1:${port(ctx)}`;

/** What the app and the webhook function read: the official SDK pointed here, and the endpoint's secret. */
export const stripeEnv = (ctx: StackContext): Record<string, string> => ({
	STRIPE_SECRET_KEY: LOCAL_SECRET_KEY,
	STRIPE_API_URL: emulatorUrl(ctx),
	STRIPE_WEBHOOK_SECRET: LOCAL_WEBHOOK_SECRET
});

/** The Stripe emulator (`src/stripe`), delivering webhooks to the `stripe-webhook` function. */
export const stripeService: Service = {
	name: 'stripe',
	ports: (ctx) => [port(ctx)],
	start: async (ctx) =>
		void spawnDetached(ctx, 'stripe', process.execPath, [entry], {
			env: {
				STRIPE_EMULATOR_PORT: String(port(ctx)),
				STRIPE_EMULATOR_STATE: path.join(ctx.paths.local, 'stripe/state.json'),
				STRIPE_SECRET_KEY: LOCAL_SECRET_KEY,
				STRIPE_WEBHOOK_SECRET: LOCAL_WEBHOOK_SECRET,
				STRIPE_WEBHOOK_URL: `${apiUrl(ctx.config.ports)}/functions/v1/stripe-webhook`
			}
		}),
	health: (ctx) => httpOk(`${emulatorUrl(ctx)}/_emulator/health`),
	stop: (ctx) => stopProcess(processFiles(ctx, 'stripe').pidFile),
	endpoints: (ctx) => [
		{ label: 'Stripe API (emulator)', value: emulatorUrl(ctx) },
		{ label: 'Stripe secret key', value: LOCAL_SECRET_KEY }
	],
	appEnv: stripeEnv,
	functionsEnv: stripeEnv
};
