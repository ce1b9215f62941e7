import { error, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { asUser } from '$lib/server/db';
import { downloadUrl } from '$lib/server/storage';
import type { RequestHandler } from './$types';

/**
 * A download of a file sold with a product: the database checks ownership and records the
 * download (`public.record_download`, the same rule as the content, scoped sessions included),
 * then the buyer goes to a link to Storage that works for one minute.
 */
export const GET: RequestHandler = async ({ params, locals }) => {
	const user = await locals.user();
	// Encoded: the slug is the visitor's (a NUL or CR in it made the Location header, and the
	// answer, fail); the login page keeps `next` only if it is a path on this site.
	if (!user) redirect(303, `/login?next=${encodeURIComponent(`/products/${params.slug}/read`)}`);
	const fileId = z.uuid().safeParse(params.fileId);
	if (!fileId.success) error(404, { message: 'No such file.' });
	const [row] = await asUser(
		user.claims,
		(sql) => sql<{ path: string | null; name: string | null }[]>`
			select public.record_download(${fileId.data}) as path,
				(select name from public.product_files where id = ${fileId.data}) as name`
	);
	if (!row?.path || !row.name)
		error(404, { message: 'No such file, or it is not yours to download.' });
	redirect(303, await downloadUrl(row.path, row.name));
};
