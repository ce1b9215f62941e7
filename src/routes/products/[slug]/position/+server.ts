import { json } from '@sveltejs/kit';
import { hit } from '$lib/server/rate-limit';
import { positionReport, productIdAt, saveReadingPosition } from '$lib/server/reading';
import type { RequestHandler } from './$types';

/** A reader scrolls for hours; their device saves at most every few seconds, and replays a queue. */
const POSITION_WRITES = { name: 'reading-position', max: 60, windowSeconds: 60 };
const MAX_BODY = 1024;

const refuse = (status: number, message: string, headers: Record<string, string> = {}) =>
	json({ message }, { status, headers });

/**
 * Where the reader is in this item, sent by the read page as they read and replayed by a device
 * that read offline (src/lib/reading). JSON only: a cross-site form cannot post it. The database
 * keeps the newest by the device's clock; the answer is the position it now holds.
 */
export const POST: RequestHandler = async ({ params, request, locals }) => {
	const user = await locals.user();
	if (!user) return refuse(401, 'Log in to keep your place in what you read.');
	if (!request.headers.get('content-type')?.startsWith('application/json')) {
		return refuse(415, 'Send the position as JSON.');
	}
	const text = await request.text().catch(() => '');
	if (text.length > MAX_BODY) return refuse(413, 'A position is a few numbers; this is too long.');
	let body: unknown;
	try {
		body = JSON.parse(text);
	} catch {
		return refuse(400, 'The body is not JSON.');
	}
	const report = positionReport.safeParse(body);
	if (!report.success) {
		const issue = report.error.issues[0];
		return refuse(
			400,
			`Not a reading position: ${issue.path.join('.') || 'body'} ${issue.message}`
		);
	}
	// Queued on a device by another account that was logged in there before this one.
	if (report.data.reader !== user.id) {
		return refuse(409, 'This position was made by another account on this device.');
	}
	const productId = await productIdAt(params.slug, user);
	if (!productId) return refuse(404, 'This product does not exist.');
	const limit = await hit(POSITION_WRITES, user.id);
	if (!limit.allowed) {
		return refuse(429, 'Too many positions at once; try again shortly.', {
			'retry-after': String(limit.retryAfterSeconds)
		});
	}
	const saved = await saveReadingPosition(user, productId, report.data);
	if (saved === 'forbidden') return refuse(403, 'You cannot read this item with this session.');
	return json(saved);
};
