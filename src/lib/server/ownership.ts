import type { Nullable } from '$shared/rows.ts';
import { coverOf, type Cover, type CoverImage } from '$lib/cover';
import type { ReadingPosition } from '$lib/reading/position';
import { config } from './config';
import { asUser, asUserAtOnce } from './db';
import { statement } from './statement';
import { toPosition, type PositionRow } from './reading';

/**
 * What a signed-in user may read, as the database's one ownership rule decides it
 * (`public.may_read_product`, scoped sessions included): every query here runs under RLS.
 */

/** Ids of the products this user may read now. */
export async function ownedProductIds(user: SessionUser | null): Promise<Set<string>> {
	if (!user) return new Set();
	const rows = await asUser(
		user.claims,
		// RLS alone would say the same, but only a condition in the query itself lets the planner
		// take the index on user_id (a seller's policy may see every row).
		(sql) => sql<{ product_id: string }[]>`
			select distinct product_id from public.purchases
			where user_id = (select auth.uid()) and status = 'paid'`
	);
	return new Set(rows.map((r) => r.product_id));
}

export interface ReadableFile {
	id: string;
	name: string;
	sizeBytes: number;
}

export interface Readable {
	body: string;
	/** Files sold with the product (downloads). */
	files: ReadableFile[];
	/** This browser's session came from the return from Checkout and has not proven the address. */
	scoped: boolean;
}

/**
 * The full text of a product, if this session may read it, with where this reader stopped in it
 * (on any device): one round trip, one call of `public.readable_content`, whose plan Postgres
 * keeps. RLS shows the files, and the position, only to whoever may read the content.
 */
export async function readableContent(
	user: SessionUser,
	productId: string
): Promise<(Readable & { position: ReadingPosition | null }) | undefined> {
	const [[row]] = await asUserAtOnce<[(Readable & Nullable<PositionRow, keyof PositionRow>)[]]>(
		user.claims,
		[
			statement`select body, scoped, files, fraction, anchor, device_updated_at as at
			from public.readable_content(${productId})`
		]
	);
	if (!row) return undefined;
	const { body, scoped, files, fraction, anchor, at } = row;
	const position = fraction === null || at === null ? null : toPosition({ fraction, anchor, at });
	return { body, scoped, files, position };
}

export interface LibraryItem {
	slug: string;
	title: string;
	cover: Cover;
	/** When it was bought or claimed; null for what a membership opens. */
	purchasedAt: Date | null;
	/** Owned outright (it stays), or read with a membership (while it lasts). */
	via: 'purchase' | 'membership';
	/** Files sold with it, to download (as this session may see them). */
	files: ReadableFile[];
	/** Where this reader stopped in it, on any device. */
	position: ReadingPosition | null;
}

export interface Library {
	items: LibraryItem[];
	/** Slugs these items had before (their offline copies move to the current ones). */
	renamed: { from: string; to: string }[];
	scoped: boolean;
	/** A membership opens the catalogue for this session now. */
	member: boolean;
}

type LibraryRow = Omit<LibraryItem, 'cover' | 'position'> & {
	cover: string;
	coverImage: CoverImage | null;
	formerSlugs: string[];
};

/**
 * What the user may read (as far as this session may see): what they bought or claimed, newest
 * first, then, for a member, the rest of the catalogue in shop order.
 */
export async function library(user: SessionUser): Promise<Library> {
	// One round trip for all three; the two functions (supabase/migrations/…_signed_in_views.sql)
	// keep their plans. Each item carries its files and the slugs it had before, for `renamed`;
	// RLS shows the reading positions of what this session may read.
	const [[{ scoped, member }], rows, positionRows] = await asUserAtOnce<
		[{ scoped: boolean; member: boolean }[], LibraryRow[], (PositionRow & { slug: string })[]]
	>(user.claims, [
		statement`select public.session_is_scoped() as scoped,
			public.current_membership() is not null as member`,
		statement`select slug, title, cover, cover_image as "coverImage",
			purchased_at as "purchasedAt", via, files, former_slugs as "formerSlugs"
			from public.library_items()`,
		statement`select slug, fraction, anchor, device_updated_at as at
			from public.reading_positions_by_slug()`
	]);
	const positions = new Map(positionRows.map((row) => [row.slug, toPosition(row)]));
	const items = rows.map(({ cover, coverImage, formerSlugs: _, ...item }) => ({
		...item,
		cover: coverOf(cover, coverImage, config().PUBLIC_SUPABASE_URL),
		position: positions.get(item.slug) ?? null
	}));
	const renamed = rows.flatMap(({ slug, formerSlugs }) =>
		formerSlugs.map((from) => ({ from, to: slug }))
	);
	return { items, renamed, scoped, member };
}

/** Whether this browser's session is scoped to its own checkouts (see `readableContent`). */
export async function sessionScoped(user: SessionUser): Promise<boolean> {
	const [{ scoped }] = await asUser(
		user.claims,
		(sql) => sql<{ scoped: boolean }[]>`select public.session_is_scoped() as scoped`
	);
	return scoped;
}

/** Whether this session may read a product now, and whether that is through a membership. */
export async function readAccess(user: SessionUser | null, productId: string) {
	if (!user) return { readable: false, member: false };
	const [row] = await asUser(
		user.claims,
		(sql) => sql<{ readable: boolean; member: boolean }[]>`
			select public.may_read_product(${productId}) as readable,
				public.current_membership() is not null as member`
	);
	return row;
}
