// Growth: each page's server time with 10,000 products and 1,000,000 purchases against its time
// with the demo catalogue, for the same signed-in buyer owning the same item in both databases.
// Signed in, so every view runs its queries (a logged-out page would come from memory).
import { performance } from 'node:perf_hooks';
import postgres from 'postgres';
import { startApp } from '../../tests/support/app-process.ts';
import { createAccount, signedInCookies } from '../../tests/support/sessions.ts';
import { seedScale } from '../seed-scale.ts';
import { percentile } from './load.ts';

const VIEWS = 30;

/** The account (made in Supabase Auth) as a buyer of `slug` in a database of the store. */
async function ownerIn(url: string, user: { id: string; email: string }, slug: string) {
	const sql = postgres(url, { max: 1, onnotice: () => {} });
	try {
		await sql`insert into auth.users (id, instance_id, aud, role, email, email_confirmed_at,
				raw_app_meta_data, raw_user_meta_data, created_at, updated_at)
			values (${user.id}, '00000000-0000-0000-0000-000000000000', 'authenticated', 'authenticated',
				${user.email}, now(), '{"provider":"email","providers":["email"]}', '{}', now(), now())
			on conflict (id) do nothing`;
		await sql`insert into public.purchases (user_id, product_id, stripe_checkout_session_id, email,
				amount_total, currency)
			select ${user.id}, id, ${`cs_growth_${user.id.replaceAll('-', '')}`}, ${user.email}, 900, 'usd'
			from public.products where slug = ${slug}`;
	} finally {
		await sql.end();
	}
}

/** Median time of a page's views (after a few unmeasured ones). */
async function serverTime(url: string, cookie: string) {
	const times: number[] = [];
	for (let i = 0; i < VIEWS + 5; i++) {
		const start = performance.now();
		const response = await fetch(url, { headers: { cookie } });
		await response.arrayBuffer();
		if (response.status !== 200) throw new Error(`${url} answered ${response.status}`);
		if (i >= 5) times.push(performance.now() - start);
	}
	return percentile(times, 50);
}

export const growthPages = [
	['shop', '/'],
	['product', '/products/night-photography'],
	['library', '/library'],
	['read', '/products/night-photography/read']
] as const;

export async function growth(demo: { origin: string; databaseUrl: string }, build: string) {
	const scaleUrl = await seedScale();
	const user = await createAccount('bench-growth');
	await ownerIn(demo.databaseUrl, user, 'night-photography');
	await ownerIn(scaleUrl, user, 'night-photography');
	const scale = await startApp(
		4197,
		{ DATABASE_URL: scaleUrl, DATABASE_LISTEN_URL: scaleUrl, PURCHASE_EMAIL_POLL_SECONDS: '3600' },
		build
	);
	try {
		const cookie = await signedInCookies(demo.origin, user.email);
		const times: Record<string, { demo: number; scale: number }> = {};
		for (const [name, path] of growthPages) {
			times[name] = {
				demo: await serverTime(`${demo.origin}${path}`, cookie),
				scale: await serverTime(`${scale.origin}${path}`, cookie)
			};
		}
		return times;
	} finally {
		await scale.stop();
	}
}
