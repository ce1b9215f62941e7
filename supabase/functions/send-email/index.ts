// Supabase Auth's Send Email Hook: Supabase Auth hands every email it would send to this function
// (signed with Standard Webhooks), and the store composes it (email.ts) and sends it by SMTP. The
// store's own email, naming the purchase from the database, on both stacks.
import nodemailer from 'nodemailer';
import postgres from 'postgres';
import { Webhook } from 'standardwebhooks';
import type { Columns } from '../_shared/rows.ts';
import { composeEmail, hookPayload, purchaseIdIn, type PurchaseNamed } from './email.ts';

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

async function purchaseNamed(id: string | undefined, userId: string) {
	if (!id) return undefined;
	const [row] = await sql<(Columns<'products', 'title'> & Columns<'purchases', 'source'>)[]>`
		select p.title, pu.source from public.purchases pu join public.products p on p.id = pu.product_id
		where pu.id = ${id} and pu.user_id = ${userId}`;
	return row && ({ title: row.title, claim: row.source === 'claim' } satisfies PurchaseNamed);
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
		const purchase = await purchaseNamed(purchaseIdIn(email_data.redirect_to), user.id);
		const email = composeEmail(payload.data, purchase, storeName);
		await smtp.sendMail({ from, ...email });
		return Response.json({});
	} catch (error) {
		console.error('send-email failed:', error);
		return failure(500, 'the email could not be sent');
	}
});
