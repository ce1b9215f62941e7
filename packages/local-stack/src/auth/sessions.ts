import { randomUUID } from 'node:crypto';
import { signAccessToken, type AmrEntry } from './jwt.ts';
import type { AuthSettings } from './settings.ts';
import { generateRefreshToken } from './tokens.ts';
import { INSTANCE_ID, userJson, type Db, type UserRow } from './users.ts';

export interface RequestInfo {
	userAgent: string;
	ip: string;
}

export interface RefreshTokenRow {
	id: string;
	token: string;
	user_id: string;
	revoked: boolean;
	parent: string | null;
	session_id: string | null;
	created_at: Date;
	updated_at: Date;
}

/** The session JSON of /verify and /token, plus the headers GoTrue adds to it. */
export async function sessionAnswer(
	db: Db,
	settings: AuthSettings,
	user: UserRow,
	sessionId: string,
	refreshToken: string
) {
	const amrRows = await db<{ authentication_method: string; updated_at: Date }[]>`
		select authentication_method, updated_at from auth.mfa_amr_claims where session_id = ${sessionId} order by updated_at desc`;
	const amr: AmrEntry[] = amrRows.map((r) => ({
		method: r.authentication_method,
		timestamp: Math.floor(r.updated_at.getTime() / 1000)
	}));
	const { token, exp } = await signAccessToken(settings, user, sessionId, amr);
	const body = {
		access_token: token,
		token_type: 'bearer',
		expires_in: exp - Math.floor(Date.now() / 1000),
		expires_at: exp,
		refresh_token: refreshToken,
		user: await userJson(db, user)
	};
	const headers = {
		'sb-auth-user-id': user.id,
		'sb-auth-session-id': sessionId,
		'sb-auth-refresh-token-prefix': refreshToken.slice(0, 5)
	};
	return { body, headers };
}

export async function insertRefreshToken(
	db: Db,
	userId: string,
	sessionId: string,
	parent: string | null
) {
	const token = generateRefreshToken();
	await db`insert into auth.refresh_tokens (instance_id, token, user_id, revoked, created_at, updated_at, parent, session_id)
		values (${INSTANCE_ID}, ${token}, ${userId}, false, now(), now(), ${parent}, ${sessionId})`;
	return token;
}

/** A new session after a verify or PKCE exchange: session, first refresh token, amr claim (callers write the audit row). */
export async function issueSession(
	db: Db,
	settings: AuthSettings,
	user: UserRow,
	method: string,
	request: RequestInfo
) {
	const sessionId = randomUUID();
	await db`insert into auth.sessions (id, user_id, created_at, updated_at, aal, user_agent, ip)
		values (${sessionId}, ${user.id}, now(), now(), 'aal1', ${request.userAgent}, ${request.ip})`;
	const refreshToken = await insertRefreshToken(db, user.id, sessionId, null);
	await db`insert into auth.mfa_amr_claims (id, session_id, created_at, updated_at, authentication_method)
		values (${randomUUID()}, ${sessionId}, now(), now(), ${method})
		on conflict (session_id, authentication_method) do update set updated_at = now()`;
	const [fresh] = await db<
		UserRow[]
	>`update auth.users set last_sign_in_at = now(), updated_at = now()
		where id = ${user.id} returning *`;
	await db`update auth.identities set last_sign_in_at = now() where user_id = ${user.id} and provider = 'email'`;
	return sessionAnswer(db, settings, fresh, sessionId, refreshToken);
}
