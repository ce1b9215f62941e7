import { json } from '@sveltejs/kit';
import { z } from 'zod';
import { notFound, requireAdmin } from '$lib/server/admin';
import { confirmUpload, uploadTarget } from '$lib/server/studio/files';
import { studioProduct } from '$lib/server/studio/products';
import type { RequestHandler } from './$types';

const request = z.discriminatedUnion('step', [
	/** Before the upload: where to put a file of this name and size. */
	z.object({ step: z.literal('target'), name: z.string().min(1).max(400), size: z.number().int() }),
	/** After it: check what arrived, and list it with the product. */
	z.object({ step: z.literal('confirm'), path: z.string().min(1).max(600) })
]);

/** The studio's file uploads (the browser sends the bytes straight to Storage in between). */
export const POST: RequestHandler = async (event) => {
	const user = await requireAdmin(event);
	const id = z.uuid().safeParse(event.params.id);
	if (!id.success || !(await studioProduct(user, id.data))) notFound();
	const body = request.safeParse(await event.request.json().catch(() => undefined));
	if (!body.success) return json({ message: 'Not an upload request.' }, { status: 400 });
	const productId = id.data!;
	const result =
		body.data.step === 'target'
			? await uploadTarget(productId, body.data.name, body.data.size)
			: await confirmUpload(user, productId, body.data.path);
	return json(result, { status: result.ok ? 200 : 400 });
};
