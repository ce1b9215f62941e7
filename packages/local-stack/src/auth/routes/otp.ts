import { randomUUID } from 'node:crypto';
import { checkEmail, type Deps } from '../deps.ts';
import { ApiError, badRequest, unprocessable, validation } from '../errors.ts';
import { jsonBody, sendJson, str, type Ctx } from '../http.ts';
import { confirmationUrl, linkType, type EmailKind } from '../mailer.ts';
import { sentAtOf, storeToken, type Slot } from '../one-time-tokens.ts';
import { resolveRedirect } from '../redirect.ts';
import { HookError } from '../send-email-hook.ts';
import { generateOtp, pkceParamsError, tokenHash } from '../tokens.ts';
import {
	audit,
	confirmEmail,
	createUser,
	findUserByEmail,
	lockUser,
	userJson,
	type Db,
	type UserRow
} from '../users.ts';

/** Where each email kind keeps its token, and the audit action GoTrue writes when sending it. */
const slotOf: Record<EmailKind, Slot> = {
	magic_link: 'recovery',
	recovery: 'recovery',
	confirmation: 'confirmation',
	invite: 'confirmation'
};
const auditOf: Record<EmailKind, string> = {
	magic_link: 'user_recovery_requested',
	recovery: 'user_recovery_requested',
	confirmation: 'user_confirmation_requested',
	invite: 'user_invited'
};

/**
 * Sends one OTP email: per-address throttle, global budget, new token replacing the previous
 * one, audit row, then SMTP. Runs in the caller's transaction, so a refused or failed send
 * leaves no trace (GoTrue rolls back too).
 */
export async function sendOtpEmail(
	deps: Deps,
	tx: Db,
	user: UserRow,
	kind: EmailKind,
	redirectTo: string,
	pkce: boolean
) {
	const { settings } = deps;
	const slot = slotOf[kind];
	const sentAt = sentAtOf(user, slot);
	if (sentAt) {
		const waitMs = sentAt.getTime() + settings.maxFrequencySeconds * 1000 - Date.now();
		if (waitMs > 0) {
			throw new ApiError(
				429,
				'over_email_send_rate_limit',
				`For security purposes, you can only request this after ${Math.floor(waitMs / 1000)} seconds.`
			);
		}
	}
	const limit = Number(settings.emailRateLimit.split('/')[0]);
	if ((!settings.autoconfirm || limit === 0) && !deps.emailBudget.take()) {
		throw new ApiError(429, 'over_email_send_rate_limit', 'email rate limit exceeded');
	}
	const email = user.email ?? '';
	const otp = generateOtp(settings.otpLength);
	const hash = (pkce ? 'pkce_' : '') + tokenHash(email, otp);
	await storeToken(tx, user, slot, hash);
	await audit(tx, auditOf[kind], 'user', { id: user.id, username: email });
	try {
		await deps.mailer.send(
			kind,
			email,
			{
				SiteURL: settings.siteUrl,
				ConfirmationURL: confirmationUrl(settings, hash, linkType[kind], redirectTo),
				Email: email,
				Token: otp,
				TokenHash: hash,
				Data: user.raw_user_meta_data ?? {},
				RedirectTo: redirectTo
			},
			await userJson(tx, user)
		);
	} catch (error) {
		if (error instanceof HookError) {
			console.error(`auth: send email hook failed: ${error.status} ${error.message}`);
			throw new ApiError(
				error.status >= 400 && error.status < 600 ? error.status : 500,
				'hook_payload_invalid',
				error.message
			);
		}
		console.error('auth: SMTP send failed:', error);
		const what =
			kind === 'confirmation' ? 'confirmation' : kind === 'magic_link' ? 'magic link' : kind;
		throw new ApiError(500, 'unexpected_failure', `Error sending ${what} email`);
	}
}

/** POST /otp: signInWithOtp for email. */
export async function postOtp(deps: Deps, ctx: Ctx) {
	const { settings, sql } = deps;
	const body = jsonBody(ctx, [
		'email',
		'phone',
		'code_challenge',
		'code_challenge_method',
		'channel'
	]);
	const rawEmail = str(body.email);
	const phone = str(body.phone);
	if (rawEmail && phone)
		throw validation('Only an email address or phone number should be provided');
	if (!rawEmail && !phone) throw validation('One of email or phone must be set');
	const pkceError = pkceParamsError(body.code_challenge, body.code_challenge_method);
	if (pkceError) throw validation(pkceError);
	if (phone) throw badRequest('phone_provider_disabled', 'Unsupported phone provider');
	const checked = checkEmail(rawEmail);
	if ('error' in checked) throw validation(checked.error);
	if (!settings.emailEnabled)
		throw unprocessable('email_provider_disabled', 'Email logins are disabled');
	const email = checked.email;
	const createIfMissing =
		body.create_user === undefined || body.create_user === null ? true : body.create_user === true;
	const data =
		body.data && typeof body.data === 'object' && !Array.isArray(body.data)
			? (body.data as Record<string, unknown>)
			: {};
	const redirectTo = resolveRedirect(
		[ctx.headers['redirect_to'] as string, ctx.url.searchParams.get('redirect_to')],
		settings
	);
	const pkce = typeof body.code_challenge === 'string' && body.code_challenge !== '';

	await sql.begin(async (tx) => {
		let user = await findUserByEmail(tx, email);
		if (!user) {
			if (!createIfMissing) throw unprocessable('otp_disabled', 'Signups not allowed for otp');
			if (settings.disableSignup)
				throw unprocessable('signup_disabled', 'Signups not allowed for this instance');
			user = await createUser(tx, {
				email,
				role: settings.jwt.defaultGroup,
				aud: settings.jwt.aud,
				userMetadata: data,
				confirmed: false,
				metadataFromIdentity: true
			});
		}
		user = await lockUser(tx, user.id);
		let kind: EmailKind = 'magic_link';
		if (!user.email_confirmed_at) {
			if (settings.autoconfirm) {
				// Signup with autoconfirm (the CLI default): confirmed at once, then a magic link.
				await confirmEmail(tx, user.id);
				await audit(
					tx,
					'user_signedup',
					'team',
					{ id: user.id, username: email },
					{ provider: 'email' }
				);
				user = await lockUser(tx, user.id);
			} else kind = 'confirmation';
		}
		if (pkce)
			await insertFlowState(
				deps,
				user,
				kind,
				String(body.code_challenge),
				String(body.code_challenge_method)
			);
		await sendOtpEmail(deps, tx, user, kind, redirectTo, pkce);
	});
	sendJson(ctx, 200, {});
}

/** The PKCE flow state; written outside the send's transaction, so it stays even when the send is refused (as in GoTrue). */
async function insertFlowState(
	deps: Deps,
	user: UserRow,
	kind: EmailKind,
	challenge: string,
	method: string
) {
	const signup = kind === 'confirmation';
	await deps.sql`insert into auth.flow_state (id, user_id, auth_code, code_challenge_method, code_challenge,
		provider_type, authentication_method, created_at, updated_at)
		values (${randomUUID()}, ${user.id}, ${randomUUID()}, ${method.toLowerCase()}, ${challenge},
		${signup ? 'email' : 'magiclink'}, ${signup ? 'email/signup' : 'magiclink'}, now(), now())`;
}
