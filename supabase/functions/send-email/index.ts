// Supabase Auth's Send Email Hook: Supabase Auth hands every email it would send to this function
// (signed with Standard Webhooks), and the store composes it (email.ts) and sends it by SMTP. The
// store's own email, naming the purchase or the membership from the database, on both stacks.
import nodemailer from 'nodemailer';
import postgres from 'postgres';
import { Webhook } from 'standardwebhooks';
import { aboutIn, composeEmail, hookPayload, type About, type Occasion } from './email.ts';

const env = (name: string, fallback?: string) => {
	const value = Deno.env.get(name) ?? fallback;
	if (value === undefined) throw new Error(`send-email: missing secret ${name}`);
	return value;
};

// Supabase writes the secret as `v1,whsec_<base64>`; the library takes the `whsec_` part.
const hook = new Webhook(env('SEND_EMAIL_HOOK_SECRET').replace(/^v1,/, ''));
const storeName = env('STORE_NAME', 'Storefront');
const sql = postgres(env('SUPABASE_DB_URL'), { max: 3, idle_timeout: 20, prepare: false });
const smtp = nodemailer.createTransport({
	host: env('SMTP_HOST'),
	port: Number(env('SMTP_PORT', '587')),
	secure: env('SMTP_PORT', '587') === '465',
	...(Deno.env.get('SMTP_USER') && {
		auth: { user: env('SMTP_USER'), pass: env('SMTP_PASS', '') }
	})
});
const from = { name: env('SMTP_SENDER_NAME', storeName), address: env('SMTP_ADMIN_EMAIL') };

/**
 * The hook's error shape. Supabase Auth passes its message on to its caller only from a 200/202
 * answer; for a 4xx/5xx it answers its own words (a 401 is "Hook requires authorization token",
 * a 500 "Unexpected status code returned from hook: 500"): here the status is what tells.
 */
const failure = (status: number, message: string) =>
	Response.json({ error: { http_code: status, message } }, { status });

/** What the email is about, looked up for the user it goes to (anything else: a plain login). */
async function occasionFor(about: About, userId: string): Promise<Occasion> {
	if ('purchase' in about) {
		const [row] = await sql<{ title: string; source: string }[]>`
			select p.title, pu.source from public.purchases pu join public.products p on p.id = pu.product_id
			where pu.id = ${about.purchase} and pu.user_id = ${userId}`;
		return row
			? { kind: 'purchase', title: row.title, claim: row.source === 'claim' }
			: { kind: 'login' };
	}
	if ('membership' in about) {
		const [row] = await sql<{ plan: string; trial_end: Date | null }[]>`
			select coalesce(pl.name, 'your') as plan, m.trial_ends_at as trial_end
			from public.memberships m
			left join public.plan_prices pp on pp.stripe_price_id = m.stripe_price_id
			left join public.plans pl on pl.id = pp.plan_id
			where m.stripe_subscription_id = ${about.membership} and m.user_id = ${userId}`;
		if (!row) return { kind: 'login' };
		if (about.notice === 'trial_ending')
			return { kind: 'trial_ending', plan: row.plan, on: row.trial_end };
		return { kind: about.notice ?? 'membership', plan: row.plan };
	}
	return { kind: 'login' };
}

Deno.serve(async (request) => {
	if (request.method !== 'POST') return failure(405, 'POST only');
	const body = await request.text();
	let verified: unknown;
	try {
		verified = hook.verify(body, Object.fromEntries(request.headers));
	} catch {
		return failure(401, 'signature check failed');
	}
	const payload = hookPayload.safeParse(verified);
	if (!payload.success) return failure(400, 'not a send-email hook payload');
	try {
		const { user, email_data } = payload.data;
		const occasion = await occasionFor(aboutIn(email_data.redirect_to), user.id);
		const email = composeEmail(payload.data, occasion, storeName);
		await smtp.sendMail({ from, ...email });
		return Response.json({});
	} catch (error) {
		console.error('send-email failed:', error);
		return failure(500, 'the email could not be sent');
	}
});
