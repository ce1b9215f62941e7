import { randomBytes } from 'node:crypto';
import { hashPassword } from '../password-hash.ts';
import { parseGoDuration } from '../../config/supabase-config.ts';
import { checkEmail, type Deps } from '../deps.ts';
import { notFound, unprocessable, validation } from '../errors.ts';
import { jsonBody, sendJson, str, type Ctx } from '../http.ts';
import { bearerToken, isUuid, requireAdmin, verifyJwt } from '../jwt.ts';
import {
	audit,
	createUser,
	findUserByEmail,
	findUserById,
	userJson,
	type Db,
	type UserRow
} from '../users.ts';
import { mergeMetadata } from './user.ts';

export const adminActor = { id: '00000000-0000-0000-0000-000000000000', username: 'service_role' };

/** Admin endpoints need a verified JWT whose role is an admin role (service_role). */
export async function requireAdminRequest(deps: Deps, ctx: Ctx) {
	requireAdmin(
		deps.settings,
		await verifyJwt(deps.settings, bearerToken(ctx.headers.authorization))
	);
}

const objectOr = (value: unknown) =>
	value && typeof value === 'object' && !Array.isArray(value)
		? (value as Record<string, unknown>)
		: undefined;

const adminStrings = [
	'email',
	'phone',
	'password',
	'role',
	'aud',
	'id',
	'ban_duration',
	'password_hash'
];

function banUntil(duration: string): Date | null {
	if (duration === 'none') return null;
	try {
		return new Date(Date.now() + parseGoDuration(duration) * 1000);
	} catch {
		throw validation(`invalid format for ban duration: time: invalid duration "${duration}"`);
	}
}

/** POST /admin/users: createUser. No email is sent. */
export async function createAdminUser(deps: Deps, ctx: Ctx) {
	const body = jsonBody(ctx, adminStrings);
	const rawEmail = str(body.email);
	if (!rawEmail && !str(body.phone))
		throw validation('Cannot create a user without either an email or phone');
	if (!rawEmail) throw validation('Phone users are not supported by the local auth server');
	const checked = checkEmail(rawEmail);
	if ('error' in checked) throw validation(checked.error);
	if (str(body.id) && !isUuid(str(body.id))) throw validation('user_id must be an UUID');
	const json = await deps.sql.begin(async (tx) => {
		if (await findUserByEmail(tx, checked.email)) {
			throw unprocessable(
				'email_exists',
				'A user with this email address has already been registered'
			);
		}
		let user = await createUser(tx, {
			id: str(body.id) || undefined,
			email: checked.email,
			password: str(body.password) || undefined,
			role: str(body.role) || deps.settings.jwt.defaultGroup,
			aud: str(body.aud) || deps.settings.jwt.aud,
			userMetadata: objectOr(body.user_metadata) ?? {},
			appMetadata: objectOr(body.app_metadata),
			confirmed: body.email_confirm === true,
			metadataFromIdentity: false
		});
		if (str(body.ban_duration)) {
			[user] = await tx<
				UserRow[]
			>`update auth.users set banned_until = ${banUntil(str(body.ban_duration))} where id = ${user.id} returning *`;
		}
		await audit(tx, 'user_signedup', 'team', adminActor, {
			user_id: user.id,
			user_email: user.email,
			user_phone: ''
		});
		return userJson(tx, user);
	});
	sendJson(ctx, 200, json);
}

const maxUint64 = 2n ** 64n - 1n;

/**
 * `page`/`per_page` as GoTrue reads them (strconv.ParseUint): decimal digits only, else
 * 400 "Bad Pagination Parameters" with Go's own error.
 */
function pageParam(value: string | null, fallback: number): number {
	if (value === null || value === '') return fallback;
	const parsing = `strconv.ParseUint: parsing ${JSON.stringify(value)}`;
	if (!/^\d+$/.test(value))
		throw validation(`Bad Pagination Parameters: ${parsing}: invalid syntax`);
	if (BigInt(value) > maxUint64)
		throw validation(`Bad Pagination Parameters: ${parsing}: value out of range`);
	return Number(value);
}

/** GET /admin/users?page=&per_page=&filter=, newest first, with X-Total-Count and Link. */
export async function listAdminUsers(deps: Deps, ctx: Ctx) {
	const q = ctx.url.searchParams;
	const page = Math.max(1, pageParam(q.get('page'), 1));
	const perPage = Math.max(1, pageParam(q.get('per_page'), 50));
	const filter = q.get('filter') ?? '';
	const like = `%${filter}%`;
	const where = filter
		? deps.sql`where (email like ${like} or raw_user_meta_data->>'full_name' ilike ${like})`
		: deps.sql``;
	const [{ count }] = await deps.sql<
		{ count: number }[]
	>`select count(*)::int as count from auth.users ${where}`;
	// A page past anything Postgres can count to is simply past the end.
	const offset = (page - 1) * perPage;
	const rows = Number.isSafeInteger(offset)
		? await deps.sql<UserRow[]>`select * from auth.users ${where} order by created_at desc, id
			limit ${Math.min(perPage, 1e9)} offset ${offset}`
		: [];
	const users = [];
	for (const row of rows) users.push(await userJson(deps.sql, row));
	const last = Math.max(1, Math.ceil(count / perPage));
	const links = [];
	if (page < last) links.push(`</admin/users?page=${page + 1}&per_page=${perPage}>; rel="next"`);
	links.push(`</admin/users?page=${last}&per_page=${perPage}>; rel="last"`);
	sendJson(
		ctx,
		200,
		{ users, aud: deps.settings.jwt.aud },
		{ 'x-total-count': String(count), link: links.join(', ') }
	);
}

async function userFromPath(db: Db, id: string) {
	if (!isUuid(id)) throw notFound('validation_failed', 'user_id must be an UUID');
	const user = await findUserById(db, id);
	if (!user) throw notFound('user_not_found', 'User not found');
	return user;
}

export async function getAdminUser(deps: Deps, ctx: Ctx) {
	sendJson(ctx, 200, await userJson(deps.sql, await userFromPath(deps.sql, ctx.params.id)));
}

/** PUT /admin/users/{id}: metadata merged per key (null deletes), email_confirm, password, role, ban. */
export async function updateAdminUser(deps: Deps, ctx: Ctx) {
	const body = jsonBody(ctx, adminStrings);
	const json = await deps.sql.begin(async (tx) => {
		const user = await userFromPath(tx, ctx.params.id);
		if (str(body.email) && str(body.email).toLowerCase() !== user.email) {
			const checked = checkEmail(str(body.email));
			if ('error' in checked) throw validation(checked.error);
			if (await findUserByEmail(tx, checked.email))
				throw unprocessable(
					'email_exists',
					'A user with this email address has already been registered'
				);
			await tx`update auth.users set email = ${checked.email} where id = ${user.id}`;
			await tx`update auth.identities set identity_data = identity_data || ${tx.json({ email: checked.email })} where user_id = ${user.id} and provider = 'email'`;
		}
		const userMeta = objectOr(body.user_metadata);
		if (userMeta)
			await tx`update auth.users set raw_user_meta_data = ${tx.json(mergeMetadata(user.raw_user_meta_data, userMeta) as never)} where id = ${user.id}`;
		const appMeta = objectOr(body.app_metadata);
		if (appMeta)
			await tx`update auth.users set raw_app_meta_data = ${tx.json(mergeMetadata(user.raw_app_meta_data, appMeta) as never)} where id = ${user.id}`;
		if (body.email_confirm === true) {
			await tx`update auth.users set email_confirmed_at = coalesce(email_confirmed_at, now()), confirmation_token = '' where id = ${user.id}`;
			await tx`delete from auth.one_time_tokens where user_id = ${user.id}`;
		}
		if (str(body.password))
			await tx`update auth.users set encrypted_password = ${await hashPassword(str(body.password))} where id = ${user.id}`;
		if (str(body.role))
			await tx`update auth.users set role = ${str(body.role)} where id = ${user.id}`;
		if (str(body.ban_duration))
			await tx`update auth.users set banned_until = ${banUntil(str(body.ban_duration))} where id = ${user.id}`;
		await tx`update auth.users set updated_at = now() where id = ${user.id}`;
		await audit(tx, 'user_modified', 'user', adminActor, {
			user_id: user.id,
			user_email: user.email,
			user_phone: ''
		});
		return userJson(tx, await findUserById(tx, user.id));
	});
	sendJson(ctx, 200, json);
}

/** DELETE /admin/users/{id}: hard delete (cascades), or `should_soft_delete` obfuscation. */
export async function deleteAdminUser(deps: Deps, ctx: Ctx) {
	const body = ctx.rawBody.trim() ? jsonBody(ctx) : {};
	await deps.sql.begin(async (tx) => {
		const user = await userFromPath(tx, ctx.params.id);
		if (body.should_soft_delete === true) {
			const gone = `${randomBytes(8).toString('hex')}@deleted.invalid`;
			await tx`delete from auth.sessions where user_id = ${user.id}`;
			await tx`delete from auth.one_time_tokens where user_id = ${user.id}`;
			await tx`delete from auth.identities where user_id = ${user.id}`;
			await tx`update auth.users set email = ${gone}, phone = null, raw_user_meta_data = '{}', raw_app_meta_data = '{}',
				confirmation_token = '', recovery_token = '', deleted_at = now(), updated_at = now() where id = ${user.id}`;
		} else {
			await tx`delete from auth.users where id = ${user.id}`;
		}
		await audit(tx, 'user_deleted', 'team', adminActor, {
			user_id: user.id,
			user_email: user.email,
			user_phone: ''
		});
	});
	sendJson(ctx, 200, {});
}
