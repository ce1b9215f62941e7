import { env } from '$env/dynamic/private';
import { env as publicEnv } from '$env/dynamic/public';
import { z } from 'zod';

/**
 * Every setting of the store's server, read once from the environment and validated, so a
 * missing or malformed variable stops the first request with its name instead of failing later.
 */
/** A key variable that may be left out (or empty): the other name of the same key stands in. */
const optionalKey = (pattern: RegExp, message: string) =>
	z.preprocess((v) => (v === '' ? undefined : v), z.string().regex(pattern, message).optional());

const schema = z.object({
	PUBLIC_SUPABASE_URL: z.url(),
	// The API keys of a project created today; the legacy JWT keys stand in when they are absent.
	PUBLIC_SUPABASE_PUBLISHABLE_KEY: optionalKey(
		/^sb_publishable_/,
		'must be a publishable key (sb_publishable_…)'
	),
	SUPABASE_SECRET_KEY: optionalKey(/^sb_secret_/, 'must be a secret key (sb_secret_…)'),
	PUBLIC_SUPABASE_ANON_KEY: optionalKey(
		/^eyJ[\w-]+\.[\w-]+\.[\w-]+$/,
		'must be the legacy anon JWT'
	),
	SUPABASE_SERVICE_ROLE_KEY: optionalKey(
		/^eyJ[\w-]+\.[\w-]+\.[\w-]+$/,
		'must be the legacy service_role JWT'
	),
	DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, 'must be a postgres:// connection string'),
	// A connection that keeps its session, for LISTEN (Supabase's direct or session-mode pooler
	// string); DATABASE_URL when unset, as locally. The transaction pooler cannot carry LISTEN.
	DATABASE_LISTEN_URL: z
		.string()
		.regex(/^postgres(ql)?:\/\//, 'must be a postgres:// connection string')
		.optional(),
	STRIPE_SECRET_KEY: z.string().regex(/^(sk|rk)_(test|live)_/, 'must be a Stripe secret key'),
	// The store's public URL, for links in emails sent outside a request (adapter-node's ORIGIN).
	ORIGIN: z.url().default('http://127.0.0.1:3000'),
	// Unset in production: the SDK talks to Stripe. Set to the local emulator by `npm run stack`.
	STRIPE_API_URL: z.url().optional(),
	// How long after paying a buyer's return may still log the buying browser in; the purchase
	// email (whose link that login would invalidate) waits this long unless the return comes first.
	PURCHASE_RETURN_WINDOW_SECONDS: z.coerce.number().int().min(1).max(86_400).default(600),
	// Login emails: at most this many per address per hour, one per cooldown, and this many
	// requests per IP per hour; wrong codes: this many per address per 15 minutes.
	LOGIN_EMAILS_PER_HOUR: z.coerce.number().int().min(1).default(5),
	LOGIN_EMAIL_COOLDOWN_SECONDS: z.coerce.number().int().min(0).default(60),
	LOGIN_REQUESTS_PER_IP_PER_HOUR: z.coerce.number().int().min(1).default(30),
	LOGIN_CODE_ATTEMPTS: z.coerce.number().int().min(1).default(5),
	// How long a membership whose renewal failed keeps its access (also the functions' secret).
	MEMBERSHIP_GRACE_DAYS: z.coerce.number().int().min(0).max(60).default(7),
	// How often the server looks for purchase emails that are due.
	PURCHASE_EMAIL_POLL_SECONDS: z.coerce.number().min(0.1).max(3600).default(15)
});

/** The settings, with the Supabase keys resolved: the new ones, else the legacy ones. */
const resolved = schema.transform((env, ctx) => {
	const publishable = env.PUBLIC_SUPABASE_PUBLISHABLE_KEY ?? env.PUBLIC_SUPABASE_ANON_KEY;
	const secret = env.SUPABASE_SECRET_KEY ?? env.SUPABASE_SERVICE_ROLE_KEY;
	if (!publishable)
		ctx.addIssue({
			code: 'custom',
			path: ['PUBLIC_SUPABASE_PUBLISHABLE_KEY'],
			message: 'required (or the legacy PUBLIC_SUPABASE_ANON_KEY)'
		});
	if (!secret)
		ctx.addIssue({
			code: 'custom',
			path: ['SUPABASE_SECRET_KEY'],
			message: 'required (or the legacy SUPABASE_SERVICE_ROLE_KEY)'
		});
	return { ...env, supabasePublishableKey: publishable ?? '', supabaseSecretKey: secret ?? '' };
});

export type Config = z.infer<typeof resolved>;

let cached: Config | undefined;

export function config(): Config {
	if (cached) return cached;
	const parsed = resolved.safeParse({ ...env, ...publicEnv });
	if (!parsed.success) {
		const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
		throw new Error(
			`Invalid configuration (see README "Configuration"):\n  ${problems.join('\n  ')}`
		);
	}
	cached = parsed.data;
	return cached;
}
