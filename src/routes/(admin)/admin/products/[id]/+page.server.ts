import { fail, redirect } from '@sveltejs/kit';
import { message, superValidate } from 'sveltekit-superforms';
import { z } from 'zod';
import { notFound, requireAdmin } from '$lib/server/admin';
import { readForm } from '$lib/server/form';
import { renderMarkdown } from '$lib/server/markdown';
import { replaceCover } from '$lib/server/studio/covers';
import { productFiles, removeFile } from '$lib/server/studio/files';
import {
	deleteProduct,
	setProductState,
	studioProduct,
	type ProductState
} from '$lib/server/studio/products';
import { bucket, FILES } from '$lib/server/storage';
import { productFormAdapter, saveProductForm } from '$lib/server/studio/save-product';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

const productId = (event: RequestEvent) => {
	const id = z.uuid().safeParse(event.params.id);
	return id.success ? id.data : notFound();
};

export const load = (async (event) => {
	const user = await requireAdmin(event);
	const product = (await studioProduct(user, productId(event))) ?? notFound();
	return {
		product: {
			id: product.id,
			state: product.state,
			sold: product.sold,
			slug: product.form.slug,
			cover: product.cover
		},
		files: await productFiles(user, product.id),
		form: await superValidate(product.form, productFormAdapter, { errors: false }),
		previewHtml: renderMarkdown(product.form.body),
		created: event.url.searchParams.has('created')
	};
}) satisfies PageServerLoad;

const changeState = (state: ProductState) => async (event: RequestEvent) => {
	const user = await requireAdmin(event);
	const form = await readForm(event.request);
	if (!(form instanceof FormData)) return form;
	const id = productId(event);
	if (!(await studioProduct(user, id))) notFound();
	await setProductState(user, id, state);
	return {
		stateMessage: {
			draft: 'Unpublished: back to draft.',
			published: 'Published: it is in the shop.',
			archived: 'Archived: no longer for sale; its owners keep it.'
		}[state]
	};
};

export const actions = {
	save: async (event) => {
		const user = await requireAdmin(event);
		const id = productId(event);
		if (!(await studioProduct(user, id))) notFound();
		const saved = await saveProductForm(event, user, id);
		if (!('id' in saved)) return saved;
		return message(saved.form, 'Saved.');
	},
	publish: changeState('published'),
	unpublish: changeState('draft'),
	archive: changeState('archived'),
	/** Only a product that never sold: a sold one is archived, so its buyers keep it. */
	delete: async (event) => {
		const user = await requireAdmin(event);
		const form = await readForm(event.request);
		if (!(form instanceof FormData)) return form;
		const id = productId(event);
		const product = (await studioProduct(user, id)) ?? notFound();
		if (product.sold > 0) {
			return fail(409, {
				stateMessage: 'This product has sold: archive it instead, so its buyers keep it.'
			});
		}
		const paths = await deleteProduct(user, id);
		if (paths.length) await bucket(FILES).remove(paths);
		redirect(303, '/admin/products');
	},
	/** A new cover: checked by its bytes, resized, stored (see covers.ts). */
	cover: async (event) => {
		const user = await requireAdmin(event);
		const id = productId(event);
		if (!(await studioProduct(user, id))) notFound();
		const form = await readForm(event.request);
		if (!(form instanceof FormData)) return form;
		const upload = form.get('cover');
		if (!(upload instanceof File) || upload.size === 0) {
			return fail(400, { coverMessage: 'Choose an image file.' });
		}
		const result = await replaceCover(user, id, Buffer.from(await upload.arrayBuffer()));
		if (!result.ok) return fail(400, { coverMessage: result.message });
		return { coverMessage: 'Cover saved.' };
	},
	removeFile: async (event) => {
		const user = await requireAdmin(event);
		const id = productId(event);
		if (!(await studioProduct(user, id))) notFound();
		const form = await readForm(event.request);
		if (!(form instanceof FormData)) return form;
		const fileId = z.uuid().safeParse(form.get('file'));
		if (!fileId.success) return fail(400, { fileMessage: 'No such file.' });
		await removeFile(user, fileId.data);
		return { fileMessage: 'File removed.' };
	}
} satisfies Actions;
