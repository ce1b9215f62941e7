import { redirect } from '@sveltejs/kit';
import { library } from '$lib/server/ownership';
import type { PageServerLoad } from './$types';

export const load = (async ({ locals }) => {
	const user = await locals.user();
	if (!user) redirect(303, '/login?next=/library');
	return { items: await library(user) };
}) satisfies PageServerLoad;
