// The Stripe webhook: verifies the signature on the raw body, then records the event once and
// applies it (process.ts). Answers 5xx whenever it could not record, so Stripe retries.
import { createClient } from '@supabase/supabase-js';
import postgres from 'postgres';
import Stripe from 'stripe';
import { processEvent } from './process.ts';

const env = (name: string) => {
	const value = Deno.env.get(name);
	if (!value) throw new Error(`stripe-webhook: missing secret ${name}`);
	return value;
};

const apiUrl = Deno.env.get('STRIPE_API_URL');
const target = apiUrl ? new URL(apiUrl) : undefined;
const stripe = new Stripe(env('STRIPE_SECRET_KEY'), {
	httpClient: Stripe.createFetchHttpClient(),
	...(target && {
		host: target.hostname,
		port: Number(target.port || 443),
		protocol: target.protocol.replace(':', '') as 'http' | 'https'
	})
});
const cryptoProvider = Stripe.createSubtleCryptoProvider();
const webhookSecret = env('STRIPE_WEBHOOK_SECRET');
const deps = {
	sql: postgres(env('SUPABASE_DB_URL'), {
		max: 5,
		idle_timeout: 20,
		prepare: false,
		onnotice: () => {}
	}),
	auth: createClient(env('SUPABASE_URL'), env('SUPABASE_SERVICE_ROLE_KEY'), {
		auth: { persistSession: false, autoRefreshToken: false }
	}).auth.admin
};

const json = (status: number, body: unknown) => Response.json(body, { status });

Deno.serve(async (request) => {
	if (request.method !== 'POST') return json(405, { error: 'POST only' });
	const signature = request.headers.get('stripe-signature');
	if (!signature) return json(400, { error: 'missing Stripe-Signature header' });
	// The signature covers the exact bytes Stripe sent: read them untouched, parse nothing first.
	const body = await request.text();
	let event: Stripe.Event;
	try {
		event = await stripe.webhooks.constructEventAsync(
			body,
			signature,
			webhookSecret,
			undefined,
			cryptoProvider
		);
	} catch (error) {
		return json(400, { error: `signature check failed: ${(error as Error).message}` });
	}
	try {
		const outcome = await processEvent(deps, event);
		console.log(`${event.id} ${event.type}: ${outcome}`);
		return json(200, { received: true, outcome });
	} catch (error) {
		console.error(`${event.id} ${event.type}: not recorded, Stripe will retry`, error);
		return json(500, { error: 'the event could not be recorded; retry later' });
	}
});
