// Reconciliation on a schedule (Supabase Cron calls it; README "Deploying for real"): the same
// code as `npm run reconcile`. Only a caller with one of the project's secret keys may run it
// (`apikey: sb_secret_…`, or the legacy service_role JWT as bearer); `verify_jwt` is off because
// the new secret keys are not JWTs.
import { createClient } from '@supabase/supabase-js';
import postgres from 'postgres';
import Stripe from 'stripe';
import { z } from 'zod';
import { presentsSecretKey, publishableKey, secretKey } from '../_shared/api-keys.ts';
import { parseSince, reconcile } from '../_shared/reconcile.ts';
import { createStripe } from '../_shared/stripe-client.ts';

const env = (name: string, fallback?: string) => {
	const value = Deno.env.get(name) ?? fallback;
	if (value === undefined) throw new Error(`reconcile: missing secret ${name}`);
	return value;
};

const stripe = createStripe(
	{ secretKey: env('STRIPE_SECRET_KEY'), apiUrl: Deno.env.get('STRIPE_API_URL') },
	{ httpClient: Stripe.createFetchHttpClient() }
);
const sql = postgres(env('SUPABASE_DB_URL'), { max: 4, idle_timeout: 20, prepare: false });
const client = (key: string) =>
	createClient(env('SUPABASE_URL'), key, {
		auth: { persistSession: false, autoRefreshToken: false }
	}).auth;
const deps = {
	sql,
	stripe,
	// The new keys (the legacy JWT keys on an older project): the gateway hands Auth their roles.
	auth: client(secretKey((name) => Deno.env.get(name))).admin,
	visitorAuth: client(publishableKey((name) => Deno.env.get(name))),
	storeUrl: env('STORE_URL'),
	graceDays: Number(env('MEMBERSHIP_GRACE_DAYS', '7'))
};

const body = z.object({ since: z.string().max(40).optional() }).strict();

Deno.serve(async (request) => {
	if (request.method !== 'POST') return Response.json({ error: 'POST only' }, { status: 405 });
	if (!presentsSecretKey(request.headers, (name) => Deno.env.get(name))) {
		return Response.json({ error: 'the secret key is required' }, { status: 401 });
	}
	// No body: the default window. A body that is not a JSON object of ours: 400.
	const text = await request.text();
	let json: unknown;
	try {
		json = text.trim() ? JSON.parse(text) : {};
	} catch {
		json = undefined;
	}
	const parsed = body.safeParse(json);
	const since = parsed.success ? parseSince(parsed.data.since ?? '3d') : undefined;
	if (!since) {
		return Response.json(
			{ error: 'body: {"since": "3d" | "12h" | "90m" | a past date}' },
			{ status: 400 }
		);
	}
	try {
		const report = await reconcile(deps, {
			since,
			trigger: 'function',
			returnWindowSeconds: Number(env('PURCHASE_RETURN_WINDOW_SECONDS', '600'))
		});
		return Response.json(report);
	} catch (error) {
		console.error('reconcile failed:', error);
		return Response.json({ error: 'reconciliation failed; see the logs' }, { status: 500 });
	}
});
