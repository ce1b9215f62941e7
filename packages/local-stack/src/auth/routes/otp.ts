import { randomUUID } from 'node:crypto';
import type { Deps } from '../deps.ts';
import { ApiError, unprocessable } from '../errors.ts';
import { sendJson, type Ctx } from '../http.ts';
import { confirmationUrl, linkType, type EmailKind } from '../mailer.ts';
import { sentAtOf, storeToken, type Slot } from '../one-time-tokens.ts';
import { generateOtp, tokenHash } from '../tokens.ts';
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
import { readOtpRequest } from './otp-params.ts';

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
	pkce: boolean,
	ip: string
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
			await userJson(tx, user),
			ip
		);
	} catch (error) {
		// The hook's failures come as GoTrue answers them; only an SMTP failure is worded here.
		if (error instanceof ApiError) {
			console.error(`auth: send email hook failed: ${error.status} ${error.message}`);
			throw error;
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
	const { email, createIfMissing, data, redirectTo, pkce } = await readOtpRequest(deps, ctx);

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
		if (pkce) await insertFlowState(deps, user, kind, pkce.challenge, pkce.method);
		await sendOtpEmail(deps, tx, user, kind, redirectTo, pkce !== undefined, ctx.ip);
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
