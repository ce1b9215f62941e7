import { redirect } from '@sveltejs/kit';
import { listProducts } from '$lib/server/catalogue';
import { ownedProductIds } from '$lib/server/ownership';
import type { PageServerLoad } from './$types';

export const load = (async ({ locals, url }) => {
	// A login link that Supabase Auth pointed at the site URL (a redirect outside its allow-list).
	if (url.searchParams.has('token_hash')) redirect(303, `/auth/confirm${url.search}`);
	const [products, owned] = await Promise.all([
		listProducts(),
		ownedProductIds(await locals.user())
	]);
	return { products, owned: [...owned] };
}) satisfies PageServerLoad;
