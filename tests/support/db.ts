import { randomUUID } from 'node:crypto';
import postgres from 'postgres';
import { stackEnv } from './env.ts';

export type Tx = postgres.TransactionSql;
export type Role = 'anon' | 'authenticated' | 'service_role';

/** A superuser connection to the stack's database (tests set roles per transaction). */
export const adminSql = () => postgres(stackEnv().databaseUrl, { max: 4, onnotice: () => {} });

class Rollback extends Error {}

/**
 * Runs a test case in a transaction that is always rolled back, so cases see a clean database
 * and leave nothing behind. `as` switches the role and JWT claims as PostgREST would.
 */
/** The session a user's claims carry: its id, and how it was signed in (an emailed code, by default). */
export interface SessionClaims {
	sessionId?: string;
	method?: 'otp' | 'magiclink' | 'password';
}

export type ActAs = (role: Role, sub?: string, session?: SessionClaims) => Promise<void>;

export async function inRollback(sql: postgres.Sql, body: (tx: Tx, as: ActAs) => Promise<void>) {
	await sql
		.begin(async (tx) => {
			const as: ActAs = async (role, sub, session = {}) => {
				const claims = sub
					? {
							role,
							sub,
							session_id: session.sessionId ?? randomUUID(),
							amr: [{ method: session.method ?? 'otp', timestamp: 1 }]
						}
					: { role };
				await tx`reset role`;
				await tx`select set_config('request.jwt.claims', ${JSON.stringify(claims)}, true)`;
				await tx.unsafe(`set local role ${role}`);
			};
			await body(tx, as);
			throw new Rollback();
		})
		.catch((error) => {
			if (!(error instanceof Rollback)) throw error;
		});
}

/** A user row as the auth server would create it (inside the rolled-back transaction). */
export async function insertUser(tx: Tx, email = `${randomUUID()}@example.test`) {
	const id = randomUUID();
	await tx`insert into auth.users (id, instance_id, aud, role, email, email_confirmed_at, raw_app_meta_data, raw_user_meta_data, created_at, updated_at)
		values (${id}, '00000000-0000-0000-0000-000000000000', 'authenticated', 'authenticated', ${email}, now(),
			'{"provider":"email","providers":["email"]}', '{}', now(), now())`;
	return { id, email };
}

export async function productBySlug(tx: Tx, slug: string) {
	const [product] = await tx<{ id: string; price_cents: number; currency: string }[]>`
		select id, price_cents, currency from public.products where slug = ${slug}`;
	if (!product) throw new Error(`seed product ${slug} is missing`);
	return product;
}

/** Records a purchase through the fulfilment function, as the webhook does. */
export async function fulfil(
	tx: Tx,
	userId: string,
	email: string,
	productId: string,
	sessionId = `cs_test_${randomUUID().replaceAll('-', '')}`
) {
	const [row] = await tx<{ purchase_id: string; first_fulfilment: boolean; user_id: string }[]>`
		select * from public.fulfil_checkout(${sessionId}, ${productId}, ${email}, 1200, 'eur', 'pi_test_1', now())`;
	if (row.user_id !== userId) throw new Error(`the purchase was not linked to ${userId}`);
	return { ...row, sessionId };
}
