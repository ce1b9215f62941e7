import { json } from '@sveltejs/kit';
import { requireAdmin } from '$lib/server/admin';
import { renderMarkdown } from '$lib/server/markdown';
import type { RequestHandler } from './$types';

/** The live preview of a product's Markdown, rendered by the store's own sanitising pipeline. */
export const POST: RequestHandler = async (event) => {
	await requireAdmin(event);
	const source = await event.request.text().catch(() => '');
	if (source.length > 500_000) return json({ message: 'Too long to preview.' }, { status: 413 });
	return json({ html: renderMarkdown(source) });
};
