import { json } from '@sveltejs/kit';
import { z } from 'zod';
import { notFound, requireAdmin } from '$lib/server/admin';
import { coverFromUpload, coverUploadTarget } from '$lib/server/studio/covers';
import { studioProduct } from '$lib/server/studio/products';
import type { RequestHandler } from './$types';

const request = z.discriminatedUnion('step', [
	/** Before the upload: where to put an image of this size. */
	z.object({ step: z.literal('target'), name: z.string().max(400), size: z.number().int() }),
	/** After it: check and resize what arrived, and make it the cover. */
	z.object({ step: z.literal('confirm'), path: z.string().min(1).max(200) })
]);

/** The studio's cover upload (the browser sends the image straight to Storage in between). */
export const POST: RequestHandler = async (event) => {
	const user = await requireAdmin(event);
	const id = z.uuid().safeParse(event.params.id);
	if (!id.success || !(await studioProduct(user, id.data))) notFound();
	const body = request.safeParse(await event.request.json().catch(() => undefined));
	if (!body.success) return json({ ok: false, message: 'Not an upload request.' }, { status: 400 });
	const result =
		body.data.step === 'target'
			? await coverUploadTarget(id.data!, body.data.size)
			: await coverFromUpload(user, id.data!, body.data.path);
	return json(result, { status: result.ok ? 200 : 400 });
};
