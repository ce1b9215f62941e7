import { coverOf, type CoverImage } from '$lib/cover';
import type { Product, ProductSummary } from '$lib/types';
import type { Aliased, Columns, With } from '$shared/rows.ts';
import { config } from './config';
import { anonymous, asUser, type Claims } from './db';
import { plansOnOffer } from './membership';
import { rememberedUntilCatalogueChanges } from './remembered';

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

/** Products per page of the shop. */
export const PAGE_SIZE = 24;

export interface ShopPage {
	products: ProductSummary[];
	/** Pages are numbered from 1; `next` is null on the last. */
	page: number;
	next: number | null;
}

/**
 * One page of the published products in shop order; RLS hides the rest whoever asks. One more
 * row than shown says whether a next page exists (no count over the whole catalogue).
 */
async function loadShopPage(page: number): Promise<ShopPage> {
	const rows = await asUser(
		anonymous,
		(sql) => sql<Omit<ProductRow, 'sample'>[]>`
			select id, slug, title, summary, price_cents as "priceCents", currency, cover,
				cover_image as "coverImage"
			from public.products where published
			order by position, created_at, id
			limit ${PAGE_SIZE + 1} offset ${(page - 1) * PAGE_SIZE}`
	);
	return {
		products: rows.slice(0, PAGE_SIZE).map(withCover),
		page,
		next: rows.length > PAGE_SIZE ? page + 1 : null
	};
}

const shopPages = rememberedUntilCatalogueChanges((page) => loadShopPage(Number(page)));

/** A page of the shop as everyone sees it (the same for all: kept until the catalogue changes). */
export const shopPage = (page: number) => shopPages(String(page));

/** Whether a membership is on offer (the shop and product pages link to it). */
const plansShown = rememberedUntilCatalogueChanges(async () => (await plansOnOffer()).length > 0);
export const membershipOffered = () => plansShown('');

/**
 * A slug as the schema allows it (the checks on products.slug and product_slugs.slug). Anything
 * else names no product and never reaches Postgres, where a NUL from the URL (`%00`) failed the
 * query with a 500.
 */
const isSlug = (slug: string) => slug.length <= 80 && /^[a-z0-9]+(-[a-z0-9]+)*$/.test(slug);

async function queryProduct(slug: string, claims: Claims): Promise<Product | undefined> {
	const [row] = await asUser(
		claims,
		(sql) => sql<ProductRow[]>`
			select id, slug, title, summary, price_cents as "priceCents", currency, cover,
				cover_image as "coverImage", sample
			from public.products where slug = ${slug}`
	);
	return row && (withCover(row) as Product);
}

const publishedProducts = rememberedUntilCatalogueChanges((slug) => queryProduct(slug, anonymous), {
	keep: (product) => product !== undefined
});

/**
 * The product at `slug` as this visitor may see it. A product on sale reads the same for everyone,
 * so it comes from memory; only what anonymous visitors cannot see (an item withdrawn from sale,
 * which its owners still read; a seller's draft) is looked up with the visitor's own claims.
 */
export async function findProduct(
	slug: string,
	claims: Claims = anonymous
): Promise<Product | undefined> {
	if (!isSlug(slug)) return undefined;
	const published = await publishedProducts(slug);
	if (published || claims.role === 'anon') return published;
	return queryProduct(slug, claims);
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
