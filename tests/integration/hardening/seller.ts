import type postgres from 'postgres';
import { createAccount, signedInCookies } from '../../support/sessions.ts';
import { FUZZ_DRAFT_ID } from './studio-targets.ts';

/**
 * What the studio's requests need to get past its guard: a seller signed in on the store (an
 * account whose app_metadata says admin, proven by the emailed link), and the suite's own draft
 * product, which no other test sees (a draft, made one again at every run).
 */
export async function studioSeller(sql: postgres.Sql, origin: string) {
	const seller = await createAccount('fuzz-seller', { role: 'admin' });
	await sql`insert into public.products (id, slug, title, price_cents, currency, cover)
		values (${FUZZ_DRAFT_ID}, 'fuzz-suite-draft', 'The fuzz suite''s draft', 100, 'eur',
			'/covers/clear-emails.svg')
		on conflict (id) do update set published = false, archived_at = null`;
	await sql`insert into public.product_content (product_id, body) values (${FUZZ_DRAFT_ID}, 'Draft.')
		on conflict (product_id) do nothing`;
	return signedInCookies(origin, seller.email);
}
