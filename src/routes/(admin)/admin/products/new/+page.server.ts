import { redirect } from '@sveltejs/kit';
import { superValidate } from 'sveltekit-superforms';
import { requireAdmin } from '$lib/server/admin';
import { productFormAdapter, saveProductForm } from '$lib/server/studio/save-product';
import type { Actions, PageServerLoad } from './$types';

export const load = (async (event) => {
	await requireAdmin(event);
	return {
		form: await superValidate({ currency: 'eur', price: '0' }, productFormAdapter, {
			errors: false
		})
	};
}) satisfies PageServerLoad;

export const actions = {
	/** Creates the product as a draft, then opens it for the cover, files and publishing. */
	default: async (event) => {
		const user = await requireAdmin(event);
		const saved = await saveProductForm(event, user, null);
		if (!('id' in saved)) return saved;
		redirect(303, `/admin/products/${saved.id}?created=1`);
	}
} satisfies Actions;
