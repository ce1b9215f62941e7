import { redirect } from '@sveltejs/kit';
import { offlineHeaders } from '$lib/server/offline';
import { library } from '$lib/server/ownership';
import type { PageServerLoad } from './$types';

export const load = (async ({ locals, setHeaders, url }) => {
	const user = await locals.user();
	if (!user) redirect(303, '/login?next=/library');
	const { items, renamed, scoped, member } = await library(user);
	setHeaders(
		offlineHeaders(
			user,
			items.map((item) => item.slug),
			renamed
		)
	);
	return {
		items,
		scoped,
		member,
		welcome: url.searchParams.get('membership') === 'welcome',
		description: 'Everything you bought, readable here and on your other devices, also offline.'
	};
}) satisfies PageServerLoad;
