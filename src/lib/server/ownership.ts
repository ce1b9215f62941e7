import { asUser } from './db';

const claimsOf = (user: SessionUser) => ({
	sub: user.id,
	role: 'authenticated' as const,
	email: user.email
});

/** Ids of the products this user may read (paid and not refunded), as RLS decides it. */
export async function ownedProductIds(user: SessionUser | null): Promise<Set<string>> {
	if (!user) return new Set();
	const rows = await asUser(
		claimsOf(user),
		(sql) =>
			sql<{ product_id: string }[]>`select product_id from public.purchases where status = 'paid'`
	);
	return new Set(rows.map((r) => r.product_id));
}

/** The full text of a product, if RLS lets this user read it (owner, or a free item). */
export async function readableContent(
	user: SessionUser,
	productId: string
): Promise<string | undefined> {
	const [row] = await asUser(
		claimsOf(user),
		(sql) =>
			sql<
				{ body: string }[]
			>`select body from public.product_content where product_id = ${productId}`
	);
	return row?.body;
}

export interface LibraryItem {
	slug: string;
	title: string;
	cover: string;
	purchasedAt: Date;
}

/** What the user owns, newest first. */
export function library(user: SessionUser): Promise<LibraryItem[]> {
	return asUser(
		claimsOf(user),
		(sql) => sql<LibraryItem[]>`
			select p.slug, p.title, p.cover, pu.created_at as "purchasedAt"
			from public.purchases pu join public.products p on p.id = pu.product_id
			where pu.status = 'paid'
			order by pu.created_at desc`
	);
}
