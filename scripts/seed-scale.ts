// `node scripts/seed-scale.ts [database]`: a throw-away database of the running local stack
// (default storefront_scale) rebuilt from the migrations and the demo seed, then filled with
// 10,000 products and 1,000,000 purchases (scripts/scale-seed.sql). Prints its connection string.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import postgres from 'postgres';
import { stackCli } from '@storefront/local-stack';
import { stackEnv } from '../tests/support/env.ts';

export const SCALE_DATABASE = 'storefront_scale';

/** Rebuilds and fills the scale database; returns its connection string. */
export async function seedScale(database = SCALE_DATABASE): Promise<string> {
	if (!/^[a-z_][a-z0-9_]*$/.test(database)) throw new Error(`not a database name: ${database}`);
	execFileSync(process.execPath, [stackCli, 'db:apply', '--database', database], {
		stdio: ['ignore', 'ignore', 'inherit']
	});
	const url = new URL(stackEnv().databaseUrl);
	url.pathname = `/${database}`;
	const sql = postgres(url.href, { max: 1, onnotice: () => {} });
	try {
		await sql.unsafe(readFileSync(new URL('./scale-seed.sql', import.meta.url), 'utf8'));
	} finally {
		await sql.end();
	}
	return url.href;
}

/**
 * Makes an account of Supabase Auth (the local stack's, which signs the sessions) a buyer of
 * `slug` in a database of the store: the same user row there, and one paid purchase.
 */
export async function addBuyer(url: string, user: { id: string; email: string }, slug: string) {
	const sql = postgres(url, { max: 1, onnotice: () => {} });
	try {
		await sql`insert into auth.users (id, instance_id, aud, role, email, email_confirmed_at,
				raw_app_meta_data, raw_user_meta_data, created_at, updated_at)
			values (${user.id}, '00000000-0000-0000-0000-000000000000', 'authenticated', 'authenticated',
				${user.email}, now(), '{"provider":"email","providers":["email"]}', '{}', now(), now())
			on conflict (id) do nothing`;
		await sql`insert into public.purchases (user_id, product_id, stripe_checkout_session_id, email,
				amount_total, currency)
			select ${user.id}, id, ${`cs_scale_buyer_${user.id.replaceAll('-', '')}`}, ${user.email}, 900,
				'usd'
			from public.products where slug = ${slug}`;
	} finally {
		await sql.end();
	}
}

if (import.meta.main) {
	const started = Date.now();
	const url = await seedScale(process.argv[2]);
	console.log(`${url} seeded in ${Math.round((Date.now() - started) / 1000)} s`);
}
