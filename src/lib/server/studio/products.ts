import { coverOf, type Cover, type CoverImage } from '$lib/cover';
import type { ProductFormData } from '$lib/studio/product-form';
import { majorUnits } from '$lib/studio/price';
import type { Aliased, Columns, Nullable, Returned, Returns, With } from '$shared/rows.ts';
import { asAdmin } from '../admin';
import { config } from '../config';

/** The studio's reads and writes of products, always under the seller's own claims. */

export type ProductState = 'draft' | 'published' | 'archived';

/** Computed by the queries: the product's state (`stateSql`) and how many purchases it has. */
type Computed = { state: ProductState; sold: number };

export type StudioProduct = Aliased<
	'products',
	'id' | 'slug' | 'title' | 'price_cents' | 'currency' | 'updated_at'
> &
	Computed;

const stateSql = `case when p.published then 'published' when p.archived_at is not null then 'archived' else 'draft' end`;

export function listStudioProducts(user: SessionUser, state?: ProductState) {
	return asAdmin(
		user,
		(sql) => sql<StudioProduct[]>`
			select p.id, p.slug, p.title, ${sql.unsafe(stateSql)} as state,
				p.price_cents as "priceCents", p.currency, p.updated_at as "updatedAt",
				(select count(*)::int from public.purchases pu where pu.product_id = p.id) as sold
			from public.products p
			where ${state ? sql`${sql.unsafe(stateSql)} = ${state}` : sql`true`}
			order by p.updated_at desc`
	);
}

export interface EditableProduct {
	id: string;
	state: ProductState;
	sold: number;
	cover: Cover;
	form: ProductFormData;
}

type EditableRow = With<
	Columns<
		'products',
		| 'id'
		| 'title'
		| 'slug'
		| 'summary'
		| 'price_cents'
		| 'currency'
		| 'sample'
		| 'cover'
		| 'cover_image'
	>,
	{ cover_image: CoverImage | null }
> &
	// A product saved without a body has no product_content row (a left join).
	Nullable<Columns<'product_content', 'body'>, 'body'> &
	Computed;

export async function studioProduct(user: SessionUser, id: string) {
	const [row] = await asAdmin(
		user,
		(sql) => sql<EditableRow[]>`
			select p.id, ${sql.unsafe(stateSql)} as state, p.title, p.slug, p.summary, p.price_cents,
				p.currency, p.sample, c.body, p.cover, p.cover_image,
				(select count(*)::int from public.purchases pu where pu.product_id = p.id) as sold
			from public.products p left join public.product_content c on c.product_id = p.id
			where p.id = ${id}`
	);
	if (!row) return undefined;
	return {
		id: row.id,
		state: row.state,
		sold: row.sold,
		cover: coverOf(row.cover, row.cover_image, config().PUBLIC_SUPABASE_URL),
		form: {
			title: row.title,
			slug: row.slug,
			summary: row.summary,
			price: majorUnits(row.price_cents, row.currency),
			currency: row.currency as ProductFormData['currency'],
			sample: row.sample,
			body: row.body ?? ''
		}
	} satisfies EditableProduct;
}

/** SQLSTATE of a unique violation: the slug belongs to another product. */
export const SLUG_TAKEN = '23505';

export async function saveProduct(
	user: SessionUser,
	id: string | null,
	form: ProductFormData & { slug: string },
	priceCents: number
): Promise<string> {
	const [{ id: saved }] = await asAdmin(
		user,
		(sql) => sql<{ id: Returns<'admin_save_product'> }[]>`
			select public.admin_save_product(${id}, ${form.slug}, ${form.title}, ${form.summary},
				${priceCents}, ${form.currency}, ${form.sample}, ${form.body}) as id`
	);
	return saved;
}

export const setProductState = (user: SessionUser, id: string, state: ProductState) =>
	asAdmin(user, (sql) => sql`select public.admin_set_product_state(${id}, ${state})`);

/** Deletes a product that never sold; returns the Storage paths of its files to remove. */
export async function deleteProduct(user: SessionUser, id: string): Promise<string[]> {
	const rows = await asAdmin(
		user,
		(sql) => sql<{ path: Returned<'admin_delete_product'> }[]>`
			select path from public.admin_delete_product(${id}) as path`
	);
	return rows.map((r) => r.path);
}
