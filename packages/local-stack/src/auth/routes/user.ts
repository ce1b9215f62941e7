import { hashPassword } from '../password-hash.ts';
import { checkPasswordStrength, type Deps } from '../deps.ts';
import { ApiError, forbidden, validation } from '../errors.ts';
import { jsonBody, sendEmpty, sendJson, type Ctx } from '../http.ts';
import { bearerToken, requireUserClaims, verifyJwt, type Claims } from '../jwt.ts';
import { audit, findUserById, INSTANCE_ID, userJson, type UserRow } from '../users.ts';

/** The user behind the request's access token, with GoTrue's checks and errors (section 7.1). */
export async function authenticateUser(
	deps: Deps,
	ctx: Ctx
): Promise<{ user: UserRow; claims: Claims }> {
	const claims = await verifyJwt(deps.settings, bearerToken(ctx.headers.authorization));
	const userId = requireUserClaims(
		deps.settings,
		claims,
		ctx.headers['x-jwt-aud'] as string | undefined
	);
	const user = await findUserById(deps.sql, userId);
	if (!user) throw forbidden('user_not_found', 'User from sub claim in JWT does not exist');
	if (claims.session_id) {
		const [session] = await deps.sql`select id from auth.sessions where id = ${claims.session_id}`;
		if (!session)
			throw forbidden('session_not_found', 'Session from session_id claim in JWT does not exist');
	}
	return { user, claims };
}

export async function getUser(deps: Deps, ctx: Ctx) {
	const { user } = await authenticateUser(deps, ctx);
	sendJson(ctx, 200, await userJson(deps.sql, user));
}

/** Merges metadata per key as GoTrue does; a null value deletes the key. */
export function mergeMetadata(
	current: Record<string, unknown> | null,
	update: Record<string, unknown>
) {
	const merged: Record<string, unknown> = { ...current };
	for (const [key, value] of Object.entries(update)) {
		if (value === null) delete merged[key];
		else merged[key] = value;
	}
	return merged;
}

/** PUT /user: metadata (`data`) and password. Email and phone changes are not implemented here. */
export async function putUser(deps: Deps, ctx: Ctx) {
	const { user } = await authenticateUser(deps, ctx);
	const body = jsonBody(ctx, ['email', 'phone', 'password', 'nonce']);
	if (
		(typeof body.email === 'string' && body.email && body.email.toLowerCase() !== user.email) ||
		(typeof body.phone === 'string' && body.phone)
	) {
		throw new ApiError(
			501,
			'not_implemented',
			'Changing the email or phone is not implemented by the local auth server'
		);
	}
	const updated = await deps.sql.begin(async (tx) => {
		if (body.data && typeof body.data === 'object' && !Array.isArray(body.data)) {
			const merged = mergeMetadata(user.raw_user_meta_data, body.data as Record<string, unknown>);
			await tx`update auth.users set raw_user_meta_data = ${tx.json(merged as never)}, updated_at = now() where id = ${user.id}`;
		}
		if (typeof body.password === 'string' && body.password) {
			checkPasswordStrength(body.password);
			const hash = await hashPassword(body.password);
			await tx`update auth.users set encrypted_password = ${hash}, updated_at = now() where id = ${user.id}`;
		}
		await audit(tx, 'user_modified', 'user', { id: user.id, username: user.email ?? '' });
		return userJson(tx, await findUserById(tx, user.id));
	});
	sendJson(ctx, 200, updated);
}

/** POST /logout?scope=global|local|others: deletes sessions (refresh tokens go by cascade), 204. */
export async function postLogout(deps: Deps, ctx: Ctx) {
	const { user, claims } = await authenticateUser(deps, ctx);
	const scope = ctx.url.searchParams.get('scope') ?? '';
	if (!['', 'global', 'local', 'others'].includes(scope))
		throw validation(`Unsupported logout scope "${scope}"`);
	await deps.sql.begin(async (tx) => {
		if (scope === 'local' && claims.session_id)
			await tx`delete from auth.sessions where id = ${claims.session_id}`;
		else if (scope === 'others')
			await tx`delete from auth.sessions where user_id = ${user.id} and id <> ${claims.session_id ?? INSTANCE_ID}`;
		else if (scope !== 'local') await tx`delete from auth.sessions where user_id = ${user.id}`;
		await audit(tx, 'logout', 'account', { id: user.id, username: user.email ?? '' });
	});
	sendEmpty(ctx, 204);
}
