import slugify from '@sindresorhus/slugify';
import type { RequestEvent } from '@sveltejs/kit';
import { fail, setError, superValidate, type SuperValidated } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { productForm, type ProductFormData } from '$lib/studio/product-form';
import { minorUnits } from '$lib/studio/price';
import { readForm, type FormFailure } from '../form';
import { saveProduct, SLUG_TAKEN } from './products';

export const productFormAdapter = zod4(productForm);

export type ProductFormResult = SuperValidated<ProductFormData>;

/**
 * The studio's create and edit actions: validates the form (field errors, input kept), turns the
 * price into minor units, derives the slug from the title when left empty, and saves. Returns the
 * product's id, or the form's failure to return from the action.
 */
export async function saveProductForm(
	event: RequestEvent,
	user: SessionUser,
	id: string | null
): Promise<{ id: string; form: ProductFormResult } | ReturnType<typeof fail> | FormFailure> {
	const body = await readForm(event.request);
	if (!(body instanceof FormData)) return body;
	const form = await superValidate(body, productFormAdapter);
	if (!form.valid) return fail(400, { form });
	const price = minorUnits(form.data.price, form.data.currency);
	if (typeof price !== 'number') return setError(form, 'price', price.error);
	const slug = form.data.slug || slugify(form.data.title).slice(0, 80).replace(/-+$/, '');
	if (!slug) return setError(form, 'slug', 'Give the product an address (letters or digits).');
	try {
		const saved = await saveProduct(user, id, { ...form.data, slug }, price);
		form.data.slug = slug;
		return { id: saved, form };
	} catch (error) {
		if ((error as { code?: string }).code === SLUG_TAKEN) {
			return setError(form, 'slug', 'Another product already uses this address.');
		}
		throw error;
	}
}
