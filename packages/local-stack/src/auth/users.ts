import { randomBytes, randomUUID } from 'node:crypto';
import { hashPassword } from './password-hash.ts';
import type { Sql, TransactionSql } from 'postgres';

/** GoTrue stores this instance id on every row and filters every lookup on it. */
export const INSTANCE_ID = '00000000-0000-0000-0000-000000000000';

export type Db = Sql | TransactionSql;

export interface UserRow {
	id: string;
	aud: string;
	role: string;
	email: string | null;
	phone: string | null;
	email_confirmed_at: Date | null;
	phone_confirmed_at: Date | null;
	confirmed_at: Date | null;
	invited_at: Date | null;
	confirmation_token: string;
	confirmation_sent_at: Date | null;
	recovery_token: string;
	recovery_sent_at: Date | null;
	email_change: string;
	email_change_sent_at: Date | null;
	last_sign_in_at: Date | null;
	raw_app_meta_data: Record<string, unknown> | null;
	raw_user_meta_data: Record<string, unknown> | null;
	created_at: Date;
	updated_at: Date;
	banned_until: Date | null;
	deleted_at: Date | null;
	is_anonymous: boolean;
}

export interface IdentityRow {
	id: string;
	provider_id: string;
	user_id: string;
	identity_data: Record<string, unknown>;
	provider: string;
	last_sign_in_at: Date | null;
	created_at: Date;
	updated_at: Date;
	email: string | null;
}

export const findUserByEmail = async (db: Db, email: string) =>
	(
		await db<UserRow[]>`select * from auth.users where instance_id = ${INSTANCE_ID}
		and lower(email) = ${email.toLowerCase()} and is_sso_user = false limit 1`
	)[0];

export const findUserById = async (db: Db, id: string) =>
	(await db<UserRow[]>`select * from auth.users where id = ${id} limit 1`)[0];

/** Row lock for the duration of a transaction, so concurrent sends and verifies serialise per user. */
export const lockUser = async (db: Db, id: string) =>
	(await db<UserRow[]>`select * from auth.users where id = ${id} for update`)[0];

export const isBanned = (user: UserRow, now = new Date()) =>
	user.banned_until !== null && user.banned_until > now;

export interface NewUser {
	id?: string;
	email: string;
	password?: string;
	role: string;
	aud: string;
	userMetadata: Record<string, unknown>;
	appMetadata?: Record<string, unknown>;
	confirmed: boolean;
	invited?: boolean;
	/** Signup (/otp, generate_link) copies the identity data into user_metadata; the admin API does not. */
	metadataFromIdentity: boolean;
}

/**
 * GoTrue's signup: a users row (a random password when none is given, so `encrypted_password` is
 * always set) and its email identity, whose data also becomes the user's metadata.
 */
export async function createUser(db: Db, input: NewUser): Promise<UserRow> {
	const id = input.id ?? randomUUID();
	const email = input.email.toLowerCase();
	const password = await hashPassword(input.password ?? randomBytes(32).toString('base64url'));
	const identityData = { sub: id, email, email_verified: false, phone_verified: false };
	const userMetadata: Record<string, unknown> = input.metadataFromIdentity
		? { ...input.userMetadata, ...identityData }
		: { ...input.userMetadata };
	if (input.confirmed) userMetadata.email_verified = true;
	const appMetadata = { ...input.appMetadata, provider: 'email', providers: ['email'] };
	const [user] = await db<UserRow[]>`insert into auth.users (instance_id, id, aud, role, email,
		encrypted_password, email_confirmed_at, invited_at, raw_app_meta_data, raw_user_meta_data,
		is_super_admin, created_at, updated_at, confirmation_token, recovery_token, email_change_token_new,
		email_change, email_change_token_current, reauthentication_token, phone_change, phone_change_token)
		values (${INSTANCE_ID}, ${id}, ${input.aud}, ${input.role}, ${email}, ${password},
		${input.confirmed ? new Date() : null}, ${input.invited ? new Date() : null},
		${db.json(appMetadata as never)}, ${db.json(userMetadata as never)}, false, now(), now(), '', '', '', '', '', '', '', '')
		returning *`;
	await db`insert into auth.identities (provider_id, user_id, identity_data, provider, last_sign_in_at, created_at, updated_at)
		values (${id}, ${id}, ${db.json(identityData)}, 'email', now(), now(), now())`;
	return user;
}

/** Marks the email confirmed, in the user's metadata and the email identity too. */
export async function confirmEmail(db: Db, userId: string) {
	await db`update auth.users set email_confirmed_at = coalesce(email_confirmed_at, now()), confirmation_token = '',
		raw_user_meta_data = coalesce(raw_user_meta_data, '{}') || '{"email_verified": true}', updated_at = now()
		where id = ${userId}`;
	await db`update auth.identities set identity_data = identity_data || '{"email_verified": true}', updated_at = now()
		where user_id = ${userId} and provider = 'email'`;
}

/** Writes an audit_log_entries row as GoTrue does (payload json, empty ip address). */
export async function audit(
	db: Db,
	action: string,
	logType: string,
	actor: { id: string; username: string },
	traits?: Record<string, unknown>
) {
	const payload: Record<string, unknown> = {
		action,
		actor_id: actor.id,
		actor_username: actor.username,
		actor_via_sso: false,
		log_type: logType
	};
	if (traits) payload.traits = traits;
	await db`insert into auth.audit_log_entries (instance_id, id, payload, created_at, ip_address)
		values (${INSTANCE_ID}, ${randomUUID()}, ${db.json(payload as never)}, now(), '')`;
}

const time = (d: Date | null) => (d ? d.toISOString() : undefined);

/** The user object GoTrue returns: always-present fields, the rest only when set (section 7.1). */
export async function userJson(db: Db, user: UserRow): Promise<Record<string, unknown>> {
	const identities = await db<
		IdentityRow[]
	>`select * from auth.identities where user_id = ${user.id} order by created_at`;
	const optional: Record<string, unknown> = {
		email_confirmed_at: time(user.email_confirmed_at),
		phone_confirmed_at: time(user.phone_confirmed_at),
		confirmation_sent_at: time(user.confirmation_sent_at),
		confirmed_at: time(user.confirmed_at),
		recovery_sent_at: time(user.recovery_sent_at),
		invited_at: time(user.invited_at),
		new_email: user.email_change || undefined,
		email_change_sent_at: time(user.email_change_sent_at),
		last_sign_in_at: time(user.last_sign_in_at),
		banned_until: time(user.banned_until),
		deleted_at: time(user.deleted_at)
	};
	return {
		id: user.id,
		aud: user.aud,
		role: user.role,
		email: user.email ?? '',
		...Object.fromEntries(
			Object.entries(optional).filter(
				([k, v]) =>
					v !== undefined && k !== 'last_sign_in_at' && k !== 'banned_until' && k !== 'deleted_at'
			)
		),
		phone: user.phone ?? '',
		...(optional.last_sign_in_at ? { last_sign_in_at: optional.last_sign_in_at } : {}),
		app_metadata: user.raw_app_meta_data ?? {},
		user_metadata: user.raw_user_meta_data ?? {},
		identities: identities.map((i) => ({
			identity_id: i.id,
			id: i.provider_id,
			user_id: i.user_id,
			identity_data: i.identity_data,
			provider: i.provider,
			last_sign_in_at: time(i.last_sign_in_at),
			created_at: time(i.created_at),
			updated_at: time(i.updated_at),
			email: i.email ?? undefined
		})),
		created_at: time(user.created_at),
		updated_at: time(user.updated_at),
		...(optional.banned_until ? { banned_until: optional.banned_until } : {}),
		...(optional.deleted_at ? { deleted_at: optional.deleted_at } : {}),
		is_anonymous: user.is_anonymous
	};
}
