import { error, redirect } from '@sveltejs/kit';
import { membershipOffered, shopPage } from '$lib/server/catalogue';
import { ownedProductIds } from '$lib/server/ownership';
import type { PageServerLoad } from './$types';

/** `?page=N` (N from 1); anything else names no page. */
const pageNumber = (value: string | null) =>
	value === null ? 1 : /^[1-9]\d{0,5}$/.test(value) ? Number(value) : null;

export const load = (async ({ locals, url }) => {
	// A login link that Supabase Auth pointed at the site URL (a redirect outside its allow-list).
	if (url.searchParams.has('token_hash')) redirect(303, `/auth/confirm${url.search}`);
	const page = pageNumber(url.searchParams.get('page'));
	if (page === null) error(404, { message: 'There is no such page of the shop.' });
	const [shop, owned, offered] = await Promise.all([
		shopPage(page),
		ownedProductIds(await locals.user()),
		membershipOffered()
	]);
	if (page > 1 && shop.products.length === 0) {
		error(404, { message: 'There is no such page of the shop.' });
	}
	return { ...shop, owned: [...owned], membershipOffered: offered };
}) satisfies PageServerLoad;
