// Type-level tests of supabase/functions/_shared/rows.ts, checked by `npm run check` (svelte-check
// compiles every file under tests/): each line fails to compile if a helper's result changes.
import type {
	Aliased,
	Column,
	Columns,
	Nullable,
	Returned,
	Returns,
	With
} from '../../supabase/functions/_shared/rows.ts';
import type { Json } from '../../supabase/functions/_shared/database.types.ts';

type Equal<A, B> =
	(<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
type Expect<T extends true> = T;
/** An intersection as one object type, to compare it with a literal. */
type Flat<T> = { [K in keyof T]: T[K] };

export type RowsTests = [
	// Columns keep their SQL names; timestamps are Date (nullable ones too), the rest as generated.
	Expect<
		Equal<
			Columns<'products', 'slug' | 'archived_at' | 'created_at' | 'cover_image'>,
			{
				slug: string;
				archived_at: Date | null;
				created_at: Date;
				cover_image: Json | null;
			}
		>
	>,
	// Aliased renames to camelCase, as `price_cents as "priceCents"`.
	Expect<
		Equal<
			Aliased<'purchases', 'amount_total' | 'stripe_payment_intent_id' | 'status' | 'created_at'>,
			{
				amountTotal: number;
				stripePaymentIntentId: string | null;
				status: 'paid' | 'refunded' | 'disputed';
				createdAt: Date;
			}
		>
	>,
	Expect<Equal<Column<'reconcile_runs', 'since'>, Date>>,
	Expect<Equal<Column<'email_outbox', 'send_after'>, Date | null>>,
	// Scalars and set-returning functions; a set of a table's rows reads its timestamps as Date.
	Expect<Equal<Returns<'session_is_scoped'>, boolean>>,
	Expect<Equal<Returned<'admin_delete_product'>, string>>,
	Expect<Equal<Returned<'rate_limit_hit'>, { allowed: boolean; retry_after_seconds: number }>>,
	Expect<Equal<Returned<'claim_due_emails'>['claimed_at'], Date | null>>,
	Expect<Equal<Returned<'is_admin'>, never>>,
	// Nullable and With replace column types.
	Expect<
		Equal<
			Flat<Nullable<Returned<'claim_free_product'>, 'user_id'>>,
			{ first_claim: boolean; purchase_id: string; user_id: string | null }
		>
	>,
	Expect<
		Equal<
			Flat<With<Columns<'products', 'id' | 'cover_image'>, { cover_image: number[] }>>,
			{ id: string; cover_image: number[] }
		>
	>
];
