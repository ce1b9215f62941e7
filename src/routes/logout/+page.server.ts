import { redirect } from '@sveltejs/kit';
import { readForm } from '$lib/server/form';
import type { Actions } from './$types';

export const actions = {
	/**
	 * Ends this device's session (SvelteKit's origin check guards the POST against CSRF). The
	 * page purges the offline copies of paid content before posting; Clear-Site-Data does it for
	 * browsers without JavaScript: "storage" covers Cache Storage (and unregisters the service
	 * worker, which the next page registers again), "cache" the HTTP cache.
	 */
	default: async ({ request, locals, setHeaders }) => {
		const form = await readForm(request);
		if (!(form instanceof FormData)) return form;
		await locals.supabase.auth.signOut({ scope: 'local' });
		setHeaders({ 'clear-site-data': '"cache", "storage"' });
		redirect(303, '/');
	}
} satisfies Actions;
