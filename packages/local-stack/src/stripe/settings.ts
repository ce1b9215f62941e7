import type { WebhookEndpointConfig } from './webhooks/dispatcher.ts';

/**
 * The fixed local settings the stack writes into `.env` and `supabase/functions/.env`. They are
 * test-mode values that only this machine's emulator accepts, so committing them is harmless.
 */
export const LOCAL_SECRET_KEY = 'sk_test_local_emulator_0000000000000000';
export const LOCAL_WEBHOOK_SECRET = 'whsec_local_emulator_0000000000000000000000';

/** The `stripe-webhook` function behind the gateway at `apiUrl`, unless the environment names another endpoint. */
export function stackWebhookEndpoint(
	env: Record<string, string | undefined>,
	apiUrl: string
): WebhookEndpointConfig {
	return {
		url: env.STRIPE_WEBHOOK_URL ?? `${apiUrl}/functions/v1/stripe-webhook`,
		secret: env.STRIPE_WEBHOOK_SECRET ?? LOCAL_WEBHOOK_SECRET
	};
}
