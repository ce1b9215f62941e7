import { z } from 'zod';
import type { ReadingPosition } from '$lib/reading/position';
import { findProduct, movedSlug } from './catalogue';
import { asUser } from './db';

/**
 * Reading positions in Postgres (`public.reading_positions`, see its migration): read under RLS
 * with the session's claims, written through `public.save_reading_position`, which keeps the
 * newest by the device's clock and refuses an item this session may not read.
 */

export interface PositionRow {
	fraction: number;
	anchor: string | null;
	at: Date;
}

export const toPosition = ({ fraction, anchor, at }: PositionRow): ReadingPosition => ({
	fraction,
	anchor,
	at: at.toISOString()
});

/** What a device sends: whose position it is (the account it read with), and the position. */
export const positionReport = z.object({
	reader: z.uuid(),
	fraction: z.number().min(0).max(1),
	anchor: z
		.string()
		.regex(/^[A-Za-z0-9_-]{1,128}$/, 'must be a heading id')
		.nullable(),
	at: z.iso.datetime({ offset: true })
});
export type PositionReport = z.infer<typeof positionReport>;

/** The id of the product at `slug`, or at a slug it had before, as this reader may see it. */
export async function productIdAt(slug: string, user: SessionUser) {
	const product =
		(await findProduct(slug, user.claims)) ??
		(await movedSlug(slug, user.claims).then((current) =>
			current ? findProduct(current, user.claims) : undefined
		));
	return product?.id;
}

/**
 * Stores a reported position unless a newer one is stored. Returns the position now stored and
 * whether this report changed it, or 'forbidden' when this session may not read the item.
 */
export async function saveReadingPosition(
	user: SessionUser,
	productId: string,
	report: PositionReport
): Promise<{ position: ReadingPosition; applied: boolean } | 'forbidden'> {
	try {
		const [row] = await asUser(
			user.claims,
			(sql) => sql<(PositionRow & { applied: boolean })[]>`
				select fraction, anchor, device_updated_at as at, applied
				from public.save_reading_position(${productId}, ${report.fraction}, ${report.anchor},
					${report.at}::timestamptz)`
		);
		return { position: toPosition(row), applied: row.applied };
	} catch (error) {
		if ((error as { code?: string }).code === '42501') return 'forbidden';
		throw error;
	}
}
