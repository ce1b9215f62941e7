import { randomBytes } from 'node:crypto';
import { createClient } from '@supabase/supabase-js';
import type postgres from 'postgres';
import { stackEnv } from './env.ts';
import { uniqueEmail } from '@storefront/local-stack';

/**
 * A logged-in browser of the store under test, as its cookies: an account made through Supabase
 * Auth's admin API owning `slug` (a purchase row as fulfilment writes it), logged in the way the
 * emailed link does it (the confirm page's form, with a token hash from the admin API).
 */
export async function ownerSession(origin: string, sql: postgres.Sql, slug: string) {
	const { apiUrl, serviceRoleKey } = stackEnv();
	const admin = createClient(apiUrl, serviceRoleKey, {
		auth: { persistSession: false, autoRefreshToken: false }
	}).auth.admin;
	const email = uniqueEmail('owner');
	const created = await admin.createUser({ email, email_confirm: true });
	if (created.error) throw created.error;
	await sql`insert into public.purchases
		(user_id, product_id, stripe_checkout_session_id, email, amount_total, currency)
		select ${created.data.user.id}, p.id, ${`cs_test_${randomBytes(12).toString('hex')}`},
			${email}, p.price_cents, p.currency
		from public.products p where p.slug = ${slug}`;
	const link = await admin.generateLink({ type: 'magiclink', email });
	if (link.error) throw link.error;
	const response = await fetch(`${origin}/auth/confirm?/link`, {
		method: 'POST',
		redirect: 'manual',
		headers: { origin, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' },
		body: new URLSearchParams({
			token_hash: link.data.properties.hashed_token,
			type: 'magiclink',
			next: '/library'
		})
	});
	const cookies = response.headers.getSetCookie().map((c) => c.split(';')[0]);
	if (response.status !== 303 || !cookies.some((c) => c.startsWith('sb-'))) {
		throw new Error(`logging in answered ${response.status} ${await response.text()}`);
	}
	return { email, cookie: cookies.join('; ') };
}
