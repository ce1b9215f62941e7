import type { Deps } from '../deps.ts';
import {
	ApiError,
	badRequest,
	notFound,
	OAuthError,
	unprocessable,
	validation
} from '../errors.ts';
import { jsonBody, sendJson, str, type Ctx } from '../http.ts';
import { decideRefresh } from '../refresh-rules.ts';
import {
	insertRefreshToken,
	issueSession,
	sessionAnswer,
	type RefreshTokenRow
} from '../sessions.ts';
import { isWellFormedRefreshToken, verifierMatches, type ChallengeMethod } from '../tokens.ts';
import { audit, findUserById, isBanned } from '../users.ts';

/** POST /token: grant_type comes from the query string only, as in GoTrue. */
export async function postToken(deps: Deps, ctx: Ctx) {
	const grant = ctx.url.searchParams.get('grant_type');
	if (grant === 'refresh_token') return refreshGrant(deps, ctx);
	if (grant === 'pkce') return pkceGrant(deps, ctx);
	throw badRequest('invalid_credentials', 'unsupported_grant_type');
}

async function refreshGrant(deps: Deps, ctx: Ctx) {
	const { settings, sql } = deps;
	const presented = str(jsonBody(ctx, ['refresh_token']).refresh_token);
	if (!presented) throw new OAuthError('invalid_request', 'refresh_token required');
	if (!isWellFormedRefreshToken(presented)) throw validation('Refresh token is not valid');
	// A refused reuse must still commit the revocation of the session's tokens, so it is thrown after the transaction.
	let refusal: ApiError | undefined;
	const answer = await sql.begin(async (tx) => {
		const [token] = await tx<
			RefreshTokenRow[]
		>`select * from auth.refresh_tokens where token = ${presented}`;
		if (!token)
			throw badRequest('refresh_token_not_found', 'Invalid Refresh Token: Refresh Token Not Found');
		if (!token.session_id)
			throw badRequest('session_not_found', 'Invalid Refresh Token: No Valid Session Found');
		// One refresh per session at a time: concurrent retries see each other's rotation.
		const [session] =
			await tx`select id from auth.sessions where id = ${token.session_id} for update`;
		if (!session)
			throw badRequest('session_not_found', 'Invalid Refresh Token: No Valid Session Found');
		const [current] = await tx<
			RefreshTokenRow[]
		>`select * from auth.refresh_tokens where id = ${token.id}`;
		const user = await findUserById(tx, current.user_id);
		if (!user)
			throw badRequest('refresh_token_not_found', 'Invalid Refresh Token: Refresh Token Not Found');
		if (isBanned(user)) throw badRequest('user_banned', 'Invalid Refresh Token: User Banned');
		const [newest] = await tx<RefreshTokenRow[]>`select * from auth.refresh_tokens
			where session_id = ${current.session_id} and revoked = false order by id desc limit 1`;
		const decision = decideRefresh(
			{ token: current.token, revoked: current.revoked, updatedAt: current.updated_at },
			newest,
			settings.refreshReuseIntervalSeconds,
			new Date()
		);
		const actor = { id: user.id, username: user.email ?? '' };
		let issued: string;
		if (decision.action === 'reject-reuse') {
			// Reuse past the interval looks like a stolen token: with rotation on, end the whole family.
			if (settings.refreshRotation)
				await tx`update auth.refresh_tokens set revoked = true, updated_at = now()
				where session_id = ${current.session_id} and revoked = false`;
			refusal = badRequest('refresh_token_already_used', 'Invalid Refresh Token: Already Used');
			return undefined;
		}
		await audit(tx, 'token_refreshed', 'token', actor);
		if (decision.action === 'reissue-active') {
			issued = newest!.token;
		} else {
			if (!current.revoked) {
				await tx`update auth.refresh_tokens set revoked = true, updated_at = now() where id = ${current.id}`;
			}
			issued = await insertRefreshToken(tx, user.id, current.session_id!, current.token);
			await audit(tx, 'token_revoked', 'token', actor);
		}
		await tx`update auth.sessions set refreshed_at = timezone('utc', now()), updated_at = now(),
			user_agent = ${ctx.userAgent}, ip = ${ctx.ip} where id = ${current.session_id}`;
		return sessionAnswer(tx, settings, user, current.session_id!, issued);
	});
	if (refusal) throw refusal;
	sendJson(ctx, 200, answer!.body, answer!.headers);
}

interface FlowRow {
	id: string;
	user_id: string;
	code_challenge: string;
	code_challenge_method: ChallengeMethod;
	provider_type: string;
	authentication_method: string;
	created_at: Date;
	auth_code_issued_at: Date | null;
}

async function pkceGrant(deps: Deps, ctx: Ctx) {
	const body = jsonBody(ctx, ['auth_code', 'code_verifier']);
	const code = str(body.auth_code);
	const verifier = str(body.code_verifier);
	if (!code || !verifier)
		throw validation('invalid request: both auth code and code verifier should be non-empty');
	const answer = await deps.sql.begin(async (tx) => {
		const [flow] = await tx<
			FlowRow[]
		>`select * from auth.flow_state where auth_code = ${code} for update`;
		if (!flow)
			throw notFound('flow_state_not_found', 'invalid flow state, no valid flow state found');
		// The lifetime runs from the link click for magic links, from the /otp call for everything else.
		const start =
			flow.authentication_method === 'magiclink'
				? (flow.auth_code_issued_at ?? flow.created_at)
				: flow.created_at;
		if (Date.now() > start.getTime() + deps.settings.flowStateExpirySeconds * 1000) {
			throw unprocessable('flow_state_expired', 'invalid flow state, flow state has expired');
		}
		if (!verifierMatches(flow.code_challenge_method, flow.code_challenge, verifier)) {
			throw badRequest(
				'bad_code_verifier',
				'code challenge does not match previously saved code verifier'
			);
		}
		const user = await findUserById(tx, flow.user_id);
		if (!user) throw notFound('user_not_found', 'User not found');
		if (isBanned(user)) throw badRequest('user_banned', 'User is banned');
		const session = await issueSession(tx, deps.settings, user, flow.authentication_method, ctx);
		await tx`delete from auth.flow_state where id = ${flow.id}`;
		await audit(
			tx,
			'login',
			'account',
			{ id: user.id, username: user.email ?? '' },
			{ provider_type: flow.provider_type }
		);
		return session;
	});
	sendJson(ctx, 200, answer.body, answer.headers);
}
