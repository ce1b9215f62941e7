import type { Product, ProductSummary } from '$lib/types';
import { anonymous, asUser, type Claims } from './db';

/** Published products in shop order; RLS hides the rest whoever asks. */
export function listProducts(claims: Claims = anonymous): Promise<ProductSummary[]> {
	return asUser(
		claims,
		(sql) => sql<ProductSummary[]>`
			select id, slug, title, summary, price_cents as "priceCents", currency, cover
			from public.products
			order by position, created_at`
	);
}

export async function findProduct(
	slug: string,
	claims: Claims = anonymous
): Promise<Product | undefined> {
	const [product] = await asUser(
		claims,
		(sql) => sql<Product[]>`
			select id, slug, title, summary, price_cents as "priceCents", currency, cover, sample
			from public.products where slug = ${slug}`
	);
	return product;
}
