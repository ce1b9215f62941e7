import { redirect } from '@sveltejs/kit';
import type { Actions } from './$types';

export const actions = {
	/** Ends this device's session (SvelteKit's origin check guards the POST against CSRF). */
	default: async ({ locals }) => {
		await locals.supabase.auth.signOut({ scope: 'local' });
		redirect(303, '/');
	}
} satisfies Actions;
