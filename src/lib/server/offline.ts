import { OWNED_HEADER, OWNER_HEADER, RENAMED_HEADER } from '$lib/offline/content';

/**
 * Headers of a page that shows paid content to its owner: they tell the service worker to keep
 * it in that user's cache (src/lib/offline). The library also lists what is still owned, so the
 * worker drops copies of refunded items, and moves copies of items whose slug changed. Only the
 * user's own id, sent to the user.
 */
export function offlineHeaders(
	user: SessionUser,
	ownedSlugs?: string[],
	renamed: { from: string; to: string }[] = []
) {
	const headers: Record<string, string> = { [OWNER_HEADER]: user.id };
	if (ownedSlugs) headers[OWNED_HEADER] = ownedSlugs.join(',');
	if (renamed.length) headers[RENAMED_HEADER] = renamed.map((r) => `${r.from}:${r.to}`).join(',');
	return headers;
}
