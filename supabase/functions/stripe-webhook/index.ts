// The Stripe webhook: verifies the signature on the raw body, checks the event's shape, then
// records it once and applies what Stripe says now (process.ts). Status codes tell Stripe what to
// do: 2xx done (or nothing to do), 400 never valid (its retries cannot help), 5xx retry later.
import { createClient } from '@supabase/supabase-js';
import postgres from 'postgres';
import Stripe from 'stripe';
import { secretKey } from '../_shared/api-keys.ts';
import { createStripe } from '../_shared/stripe-client.ts';
import { parseEvent } from '../_shared/stripe-events.ts';
import { processEvent } from '../_shared/process-event.ts';

const env = (name: string) => {
	const value = Deno.env.get(name);
	if (!value) throw new Error(`stripe-webhook: missing secret ${name}`);
	return value;
};

const stripe = createStripe(
	{ secretKey: env('STRIPE_SECRET_KEY'), apiUrl: Deno.env.get('STRIPE_API_URL') },
	{ httpClient: Stripe.createFetchHttpClient() }
);
const cryptoProvider = Stripe.createSubtleCryptoProvider();
const webhookSecret = env('STRIPE_WEBHOOK_SECRET');
const deps = {
	stripe,
	// How long a past-due membership keeps its access.
	graceDays: Number(Deno.env.get('MEMBERSHIP_GRACE_DAYS') ?? 7),
	sql: postgres(env('SUPABASE_DB_URL'), {
		max: 5,
		idle_timeout: 20,
		prepare: false,
		onnotice: () => {}
	}),
	// The secret key (the legacy service_role key on an older project): the gateway hands Auth
	// the service role for it.
	auth: createClient(
		env('SUPABASE_URL'),
		secretKey((name) => Deno.env.get(name)),
		{
			auth: { persistSession: false, autoRefreshToken: false }
		}
	).auth.admin
};

const json = (status: number, body: unknown) => Response.json(body, { status });

Deno.serve(async (request) => {
	if (request.method !== 'POST') return json(405, { error: 'POST only' });
	const signature = request.headers.get('stripe-signature');
	if (!signature) return json(400, { error: 'missing Stripe-Signature header' });
	// The signature covers the exact bytes Stripe sent: read them untouched, parse nothing first.
	const body = await request.text();
	let verified: unknown;
	try {
		verified = await stripe.webhooks.constructEventAsync(
			body,
			signature,
			webhookSecret,
			undefined,
			cryptoProvider
		);
	} catch (error) {
		return json(400, { error: `signature check failed: ${(error as Error).message}` });
	}
	if (body.includes('\\u0000')) return json(400, { error: 'not a valid event: NUL in jsonb' });
	const parsed = parseEvent(verified);
	if (!parsed.ok) return json(400, { error: `not a valid event: ${parsed.reason}` });
	const { event } = parsed;
	try {
		const result = await processEvent(deps, parsed);
		console.log(`${event.id} ${event.type}: ${result.outcome} ${result.detail ?? ''}`);
		if (result.outcome === 'invalid') return json(400, { error: result.detail });
		return json(200, { received: true, outcome: result.outcome });
	} catch (error) {
		console.error(`${event.id} ${event.type}: not recorded, Stripe will retry`, error);
		return json(500, { error: 'the event could not be recorded; retry later' });
	}
});
