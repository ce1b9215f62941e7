import { checkEmail, type Deps } from '../deps.ts';
import { ApiError, forbidden, validation } from '../errors.ts';
import { jsonBody, redirect, sendJson, str, type Ctx } from '../http.ts';
import {
	consumeTokens,
	sentAtOf,
	userByEmailToken,
	userByTokenHash,
	type Slot
} from '../one-time-tokens.ts';
import { resolveRedirect } from '../redirect.ts';
import { issueSession } from '../sessions.ts';
import { tokenHash } from '../tokens.ts';
import { audit, confirmEmail, findUserById, isBanned, type Db, type UserRow } from '../users.ts';

/** Which slots each verification type may consume, in the order GoTrue tries them. */
const slotsOf: Record<string, Slot[]> = {
	email: ['confirmation', 'recovery'],
	signup: ['confirmation'],
	invite: ['confirmation'],
	magiclink: ['recovery'],
	recovery: ['recovery']
};
const knownTypes = new Set([...Object.keys(slotsOf), 'email_change']);
/** GoTrue's E.164 check, after it drops a leading + and the spaces. */
const e164 = /^[1-9][0-9]{1,14}$/;

interface Verified {
	user: UserRow;
	slot: Slot;
	pkce: boolean;
}

/** Finds and consumes the token, applying GoTrue's side effects for its kind. */
async function verifyInTx(
	tx: Db,
	deps: Deps,
	type: string,
	lookup: { hash: string } | { email: string; hash: string }
): Promise<Verified> {
	const expired =
		'email' in lookup ? 'Token has expired or is invalid' : 'Email link is invalid or has expired';
	const slots = slotsOf[type];
	if (!slots) {
		// A hash of an unknown kind is refused as such; a code is simply never valid for it, and
		// no email change token exists here (email change is not implemented).
		if ('email' in lookup || type === 'email_change') throw forbidden('otp_expired', expired);
		throw validation('Invalid email verification type');
	}
	let found: { user: UserRow; slot: Slot } | undefined;
	for (const slot of slots) {
		const user =
			'email' in lookup
				? await userByEmailToken(tx, slot, lookup.email, lookup.hash)
				: await userByTokenHash(tx, slot, lookup.hash);
		if (user) {
			found = { user, slot };
			break;
		}
	}
	if (!found) throw forbidden('otp_expired', expired);
	const { user, slot } = found;
	if (isBanned(user)) throw forbidden('user_banned', 'User is banned');
	const sentAt = sentAtOf(user, slot);
	if (!sentAt || Date.now() > sentAt.getTime() + deps.settings.otpExpSeconds * 1000)
		throw forbidden('otp_expired', expired);
	const stored = slot === 'recovery' ? user.recovery_token : user.confirmation_token;
	const actor = { id: user.id, username: user.email ?? '' };
	if (slot === 'confirmation' || !user.email_confirmed_at) {
		await confirmEmail(tx, user.id);
		await audit(tx, 'user_signedup', 'team', actor, { provider: 'email' });
	}
	if (slot === 'recovery') await audit(tx, 'login', 'account', actor);
	await consumeTokens(tx, user.id, slot);
	return { user: await findUserById(tx, user.id), slot, pkce: stored.startsWith('pkce_') };
}

/** POST /verify: verifyOtp with a token hash or an email and code; answers with a session. */
export async function postVerify(deps: Deps, ctx: Ctx) {
	const body = jsonBody(ctx, ['type', 'token', 'token_hash', 'email', 'phone', 'redirect_to']);
	const type = str(body.type);
	const token = str(body.token);
	const hash = str(body.token_hash);
	if (!type) throw validation('Verify requires a verification type');
	if ((!token && !hash) || (token && hash))
		throw validation('Verify requires either a token or a token hash');
	let lookup: { hash: string } | { email: string; hash: string };
	const email = str(body.email);
	const phone = str(body.phone);
	if (token) {
		if (phone && !email) {
			// GoTrue checks the number, then finds no user with it: this server has no phone users.
			if (!e164.test(phone.replace(/^\+/, '').replaceAll(' ', '')))
				throw validation('Invalid phone number format (E.164 required)');
			throw forbidden('otp_expired', 'Token has expired or is invalid');
		}
		if (!email || phone)
			throw validation('Only an email address or phone number should be provided on verify');
		const checked = checkEmail(email);
		if ('error' in checked) throw validation('Invalid email format', 422);
		lookup = { email: checked.email, hash: tokenHash(checked.email, token) };
	} else {
		if (email || phone || str(body.redirect_to))
			throw validation('Only the token_hash and type should be provided');
		lookup = { hash };
	}
	const answer = await deps.sql.begin(async (tx) => {
		const { user } = await verifyInTx(tx, deps, type, lookup);
		return issueSession(tx, deps.settings, user, 'otp', ctx);
	});
	sendJson(ctx, 200, answer.body, answer.headers);
}

const oauthErrorOf = (status: number) =>
	status === 400
		? 'invalid_request'
		: status === 401
			? 'unauthorized_client'
			: status === 403
				? 'access_denied'
				: 'server_error';

/** GoTrue's fragment encoding: keys sorted, form-encoded. */
const fragment = (values: Record<string, string>) =>
	new URLSearchParams(Object.entries(values).sort(([a], [b]) => (a < b ? -1 : 1))).toString();

/** GET /verify: the link click. Redirects with the session (or a PKCE code, or the error) to the resolved redirect. */
export async function getVerify(deps: Deps, ctx: Ctx) {
	const q = ctx.url.searchParams;
	const type = q.get('type') ?? '';
	const token = q.get('token') ?? '';
	if (!type) throw validation('Verify requires a verification type');
	if (!token) throw validation('Verify requires a token or a token hash');
	const target = resolveRedirect(
		[ctx.headers['redirect_to'] as string, q.get('redirect_to'), ctx.headers.referer],
		deps.settings
	);
	try {
		if (!knownTypes.has(type)) throw validation('Invalid email verification type');
		const location = await deps.sql.begin(async (tx) => {
			const { user, slot, pkce } = await verifyInTx(tx, deps, type, { hash: token });
			if (pkce) {
				const method = slot === 'confirmation' ? 'email/signup' : 'magiclink';
				const [flow] = await tx<
					{ id: string; auth_code: string }[]
				>`select id, auth_code from auth.flow_state
					where user_id = ${user.id} and authentication_method = ${method} order by created_at desc limit 1`;
				if (!flow)
					throw new ApiError(
						404,
						'flow_state_not_found',
						'No associated flow state found. Flow state has expired or is invalid.'
					);
				await tx`update auth.flow_state set auth_code_issued_at = now(), updated_at = now() where id = ${flow.id}`;
				const url = new URL(target);
				url.searchParams.set('code', flow.auth_code);
				return url.href;
			}
			const { body } = await issueSession(tx, deps.settings, user, 'otp', ctx);
			return `${target}#${fragment({
				access_token: body.access_token,
				expires_at: String(body.expires_at),
				expires_in: String(body.expires_in),
				refresh_token: body.refresh_token,
				sb: '',
				token_type: 'bearer',
				type: type === 'email' ? (slot === 'confirmation' ? 'signup' : 'magiclink') : type
			})}`;
		});
		redirect(ctx, location);
	} catch (error) {
		if (!(error instanceof ApiError) || error.status >= 500) throw error;
		const params = {
			error: oauthErrorOf(error.status),
			error_code: error.errorCode,
			error_description: error.message,
			sb: ''
		};
		// A PKCE client reads the error from the query (its callback runs on the server), the implicit one from the fragment.
		let base = target.split('#')[0];
		if (token.startsWith('pkce_')) {
			const url = new URL(base);
			for (const [key, value] of Object.entries(params)) url.searchParams.set(key, value);
			base = url.href;
		}
		redirect(ctx, `${base}#${fragment(params)}`);
	}
}
