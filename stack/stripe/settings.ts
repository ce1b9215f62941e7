import type { WebhookEndpointConfig } from './webhooks/dispatcher.ts';

/**
 * The fixed local settings the stack writes into `.env` and `supabase/functions/.env`. They are
 * test-mode values that only this machine's emulator accepts, so committing them is harmless.
 */
export const LOCAL_SECRET_KEY = 'sk_test_local_emulator_0000000000000000';
export const LOCAL_WEBHOOK_SECRET = 'whsec_local_emulator_0000000000000000000000';
export const DEFAULT_PORT = 12111;

export function stackWebhookEndpoint(
	env: Record<string, string | undefined>
): WebhookEndpointConfig {
	return {
		url:
			env.STRIPE_WEBHOOK_URL ??
			`${env.SUPABASE_URL ?? 'http://127.0.0.1:54321'}/functions/v1/stripe-webhook`,
		secret: env.STRIPE_WEBHOOK_SECRET ?? LOCAL_WEBHOOK_SECRET
	};
}
