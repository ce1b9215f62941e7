import { coverOf, type CoverImage } from '$lib/cover';
import type { Product, ProductSummary } from '$lib/types';
import type { Aliased, Columns, With } from '$shared/rows.ts';
import { config } from './config';
import { anonymous, asUser, type Claims } from './db';

type ProductRow = With<
	Aliased<
		'products',
		| 'id'
		| 'slug'
		| 'title'
		| 'summary'
		| 'price_cents'
		| 'currency'
		| 'cover'
		| 'cover_image'
		| 'sample'
	>,
	// JSON in the table; a check constraint keeps it this shape.
	{ coverImage: CoverImage | null }
>;

const withCover = <T extends Omit<ProductRow, 'sample'>>({ cover, coverImage, ...rest }: T) => ({
	...rest,
	cover: coverOf(cover, coverImage, config().PUBLIC_SUPABASE_URL)
});

/** Published products in shop order; RLS hides the rest whoever asks. */
export async function listProducts(claims: Claims = anonymous): Promise<ProductSummary[]> {
	const rows = await asUser(
		claims,
		(sql) => sql<Omit<ProductRow, 'sample'>[]>`
			select id, slug, title, summary, price_cents as "priceCents", currency, cover,
				cover_image as "coverImage"
			from public.products where published
			order by position, created_at`
	);
	return rows.map(withCover);
}

/**
 * A slug as the schema allows it (the checks on products.slug and product_slugs.slug). Anything
 * else names no product and never reaches Postgres, where a NUL from the URL (`%00`) failed the
 * query with a 500.
 */
const isSlug = (slug: string) => slug.length <= 80 && /^[a-z0-9]+(-[a-z0-9]+)*$/.test(slug);

export async function findProduct(
	slug: string,
	claims: Claims = anonymous
): Promise<Product | undefined> {
	if (!isSlug(slug)) return undefined;
	const [row] = await asUser(
		claims,
		(sql) => sql<ProductRow[]>`
			select id, slug, title, summary, price_cents as "priceCents", currency, cover,
				cover_image as "coverImage", sample
			from public.products where slug = ${slug}`
	);
	return row && (withCover(row) as Product);
}

/** The current slug of a product that used to answer to `slug`, if any (its links redirect). */
export async function movedSlug(slug: string, claims: Claims = anonymous) {
	if (!isSlug(slug)) return undefined;
	const [row] = await asUser(
		claims,
		(sql) => sql<Columns<'products', 'slug'>[]>`
			select p.slug from public.product_slugs s join public.products p on p.id = s.product_id
			where s.slug = ${slug}`
	);
	return row?.slug;
}
