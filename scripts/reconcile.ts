// `npm run reconcile [-- --since 3d]`: brings the database to Stripe's truth for a window (what
// the webhook missed), sends the purchase emails that came due, and prints what it changed. The
// same code runs in production as the `reconcile` Edge Function, on a schedule (README).
import { parseArgs } from 'node:util';
import { createClient } from '@supabase/supabase-js';
import postgres from 'postgres';
import { parseSince, reconcile } from '../supabase/functions/_shared/reconcile.ts';
import { createStripe } from '../supabase/functions/_shared/stripe-client.ts';

const env = (...names: string[]) => {
	for (const name of names) if (process.env[name]) return process.env[name]!;
	throw new Error(`set ${names.join(' or ')} (see README "Configuration")`);
};

const { values } = parseArgs({ options: { since: { type: 'string', default: '3d' } } });
const since = parseSince(values.since!);
if (!since) {
	console.error(`--since takes 3d, 12h, 90m or a past date, not "${values.since}"`);
	process.exit(2);
}

const supabaseUrl = env('PUBLIC_SUPABASE_URL');
const client = (key: string) =>
	createClient(supabaseUrl, key, { auth: { persistSession: false, autoRefreshToken: false } }).auth;
const sql = postgres(env('DATABASE_URL'), { max: 4, prepare: false, onnotice: () => {} });

try {
	const report = await reconcile(
		{
			sql,
			stripe: createStripe({
				secretKey: env('STRIPE_SECRET_KEY'),
				apiUrl: process.env.STRIPE_API_URL
			}),
			auth: client(env('SUPABASE_SECRET_KEY', 'SUPABASE_SERVICE_ROLE_KEY')).admin,
			visitorAuth: client(env('PUBLIC_SUPABASE_PUBLISHABLE_KEY', 'PUBLIC_SUPABASE_ANON_KEY')),
			// As the store's server: its public URL, by default the local production build's.
			storeUrl: process.env.ORIGIN ?? 'http://127.0.0.1:3000',
			graceDays: Number(process.env.MEMBERSHIP_GRACE_DAYS ?? 7)
		},
		{
			since,
			trigger: 'command',
			returnWindowSeconds: Number(process.env.PURCHASE_RETURN_WINDOW_SECONDS ?? 600),
			log: (line) => console.log(`  ${line}`)
		}
	);
	console.log(
		`Reconciled since ${report.since.toISOString()}: ${report.checked} checked, ` +
			`${report.changes.length} changed, ${report.emailsSent} purchase email(s) sent.`
	);
} catch (error) {
	console.error(`reconcile failed: ${(error as Error).message}`);
	process.exitCode = 1;
} finally {
	await sql.end();
}
