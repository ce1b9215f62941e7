import { coverOf, type Cover, type CoverImage } from '$lib/cover';
import type { Aliased, Column, Columns, Returns } from '$shared/rows.ts';
import { config } from './config';
import { asUser } from './db';

/**
 * What a signed-in user may read, as the database's one ownership rule decides it
 * (`public.may_read_product`, scoped sessions included): every query here runs under RLS.
 */

/** Ids of the products this user may read now. */
export async function ownedProductIds(user: SessionUser | null): Promise<Set<string>> {
	if (!user) return new Set();
	const rows = await asUser(
		user.claims,
		(sql) => sql<Columns<'purchases', 'product_id'>[]>`
			select distinct product_id from public.purchases where status = 'paid'`
	);
	return new Set(rows.map((r) => r.product_id));
}

/** A file sold with a product (its `size_bytes`, a bigint, is read as an int). */
export type ReadableFile = Aliased<'product_files', 'id' | 'name' | 'size_bytes'>;

/** This browser's session came from the return from Checkout and has not proven the address. */
type Scoped = { scoped: Returns<'session_is_scoped'> };

export type Readable = Columns<'product_content', 'body'> &
	Scoped & {
		/** Files sold with the product (downloads). */
		files: ReadableFile[];
	};

/** The full text of a product, if this session may read it. */
export async function readableContent(
	user: SessionUser,
	productId: string
): Promise<Readable | undefined> {
	return asUser(user.claims, async (sql) => {
		const [row] = await sql<(Columns<'product_content', 'body'> & Scoped)[]>`
			select body, public.session_is_scoped() as scoped
			from public.product_content where product_id = ${productId}`;
		if (!row) return undefined;
		const files = await sql<ReadableFile[]>`
			select id, name, size_bytes::int as "sizeBytes" from public.product_files
			where product_id = ${productId} order by created_at`;
		return { ...row, files };
	});
}

type LibraryRow = Columns<'products', 'slug' | 'title' | 'cover'> & {
	coverImage: CoverImage | null;
	purchasedAt: Column<'purchases', 'created_at'>;
};

export type LibraryItem = Omit<LibraryRow, 'cover' | 'coverImage'> & { cover: Cover };

type Renamed = { from: Column<'product_slugs', 'slug'>; to: Column<'products', 'slug'> };

export interface Library {
	items: LibraryItem[];
	/** Slugs these items had before (their offline copies move to the current ones). */
	renamed: Renamed[];
	scoped: boolean;
}

/** What the user owns (as far as this session may see), newest first. */
export async function library(user: SessionUser): Promise<Library> {
	return asUser(user.claims, async (sql) => {
		const rows = await sql<LibraryRow[]>`
			select distinct on (p.id) p.slug, p.title, p.cover, p.cover_image as "coverImage",
				pu.created_at as "purchasedAt"
			from public.purchases pu join public.products p on p.id = pu.product_id
			where pu.status = 'paid'
			order by p.id, pu.created_at desc`;
		const items = rows.map(({ cover, coverImage, ...item }) => ({
			...item,
			cover: coverOf(cover, coverImage, config().PUBLIC_SUPABASE_URL)
		}));
		const [{ scoped }] = await sql<Scoped[]>`select public.session_is_scoped() as scoped`;
		items.sort((a, b) => b.purchasedAt.getTime() - a.purchasedAt.getTime());
		const slugs = items.map((item) => item.slug);
		const renamed = slugs.length
			? await sql<Renamed[]>`
				select s.slug as from, p.slug as to
				from public.product_slugs s join public.products p on p.id = s.product_id
				where p.slug in ${sql(slugs)}`
			: [];
		return { items, renamed, scoped };
	});
}

/** Whether this browser's session is scoped to its own checkouts (see `readableContent`). */
export async function sessionScoped(user: SessionUser): Promise<boolean> {
	const [{ scoped }] = await asUser(
		user.claims,
		(sql) => sql<Scoped[]>`select public.session_is_scoped() as scoped`
	);
	return scoped;
}
