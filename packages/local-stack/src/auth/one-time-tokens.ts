import { randomUUID } from 'node:crypto';
import type { Db, UserRow } from './users.ts';

/**
 * GoTrue keeps one outstanding token per kind and user: the column on `users` (checked by the
 * email+code form) and one `one_time_tokens` row (looked up by the token hash form).
 */
export type Slot = 'recovery' | 'confirmation';

const column = { recovery: 'recovery_token', confirmation: 'confirmation_token' } as const;
const sentAt = { recovery: 'recovery_sent_at', confirmation: 'confirmation_sent_at' } as const;

export const sentAtOf = (user: UserRow, slot: Slot) => user[sentAt[slot]];

/** Stores a new token, replacing (so invalidating) the previous one of the same kind. */
export async function storeToken(db: Db, user: UserRow, slot: Slot, hash: string) {
	await db`update auth.users set ${db(column[slot])} = ${hash}, ${db(sentAt[slot])} = now(), updated_at = now()
		where id = ${user.id}`;
	await db`delete from auth.one_time_tokens where user_id = ${user.id} and token_type = ${column[slot]}`;
	await db`insert into auth.one_time_tokens (id, user_id, token_type, token_hash, relates_to, created_at, updated_at)
		values (${randomUUID()}, ${user.id}, ${column[slot]}, ${hash}, ${(user.email ?? '').toLowerCase()}, now(), now())`;
}

/** The user holding a token hash in a slot (the token_hash form of verify). */
export async function userByTokenHash(db: Db, slot: Slot, hash: string) {
	const rows = await db<
		UserRow[]
	>`select u.* from auth.one_time_tokens t join auth.users u on u.id = t.user_id
		where t.token_hash = ${hash} and t.token_type = ${column[slot]} for update of u`;
	return rows[0];
}

/** The user whose slot column holds the hash (or its pkce_ form): the email+code form of verify. */
export async function userByEmailToken(db: Db, slot: Slot, email: string, hash: string) {
	const rows = await db<
		UserRow[]
	>`select * from auth.users where lower(email) = ${email.toLowerCase()}
		and is_sso_user = false and ${db(column[slot])} in (${hash}, ${'pkce_' + hash}) for update`;
	return rows[0];
}

/** Verifying consumes the slot's column and every one-time token of the user. */
export async function consumeTokens(db: Db, userId: string, slot: Slot) {
	await db`update auth.users set ${db(column[slot])} = '', updated_at = now() where id = ${userId}`;
	await db`delete from auth.one_time_tokens where user_id = ${userId}`;
}
