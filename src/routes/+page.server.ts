import { redirect } from '@sveltejs/kit';
import { listProducts } from '$lib/server/catalogue';
import { plansOnOffer } from '$lib/server/membership';
import { ownedProductIds } from '$lib/server/ownership';
import type { PageServerLoad } from './$types';

export const load = (async ({ locals, url }) => {
	// A login link that Supabase Auth pointed at the site URL (a redirect outside its allow-list).
	if (url.searchParams.has('token_hash')) redirect(303, `/auth/confirm${url.search}`);
	const [products, owned, plans] = await Promise.all([
		listProducts(),
		ownedProductIds(await locals.user()),
		plansOnOffer()
	]);
	return { products, owned: [...owned], membershipOffered: plans.length > 0 };
}) satisfies PageServerLoad;
