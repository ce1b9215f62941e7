import { checkEmail, type Deps } from '../deps.ts';
import { badRequest, unprocessable, validation } from '../errors.ts';
import { jsonBody, str, type Ctx } from '../http.ts';
import { resolveRedirect } from '../redirect.ts';
import { pkceParamsError } from '../tokens.ts';
import { findUserByEmail } from '../users.ts';

export interface OtpRequest {
	email: string;
	createIfMissing: boolean;
	data: Record<string, unknown>;
	redirectTo: string;
	pkce?: { challenge: string; method: string };
}

const otpDisabled = () => unprocessable('otp_disabled', 'Signups not allowed for otp');

/**
 * POST /otp's body, checked in GoTrue's order (`Otp`, `shouldCreateUser`, `MagicLink`): the
 * pairing rules and PKCE first; then, with `create_user: false`, an address GoTrue cannot find,
 * including one it cannot even read, is 422 `otp_disabled`; only then the email itself, the
 * provider, and a phone (this server has no phone provider).
 */
export async function readOtpRequest(deps: Deps, ctx: Ctx): Promise<OtpRequest> {
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
	if (rawEmail && str(body.channel))
		throw validation('Channel should only be specified with Phone OTP');
	const pkceError = pkceParamsError(body.code_challenge, body.code_challenge_method);
	if (pkceError) throw validation(pkceError);
	const createIfMissing =
		body.create_user === undefined || body.create_user === null ? true : body.create_user === true;
	if (!createIfMissing && rawEmail) {
		const checked = checkEmail(rawEmail);
		if ('error' in checked || !(await findUserByEmail(deps.sql, checked.email)))
			throw otpDisabled();
	}
	if (!createIfMissing && phone) throw otpDisabled(); // no user has a phone here
	if (!rawEmail) {
		if (phone) throw badRequest('phone_provider_disabled', 'Unsupported phone provider');
		throw validation('One of email or phone must be set');
	}
	if (!deps.settings.emailEnabled)
		throw unprocessable('email_provider_disabled', 'Email logins are disabled');
	const checked = checkEmail(rawEmail);
	if ('error' in checked) throw validation(checked.error);
	const data =
		body.data && typeof body.data === 'object' && !Array.isArray(body.data)
			? (body.data as Record<string, unknown>)
			: {};
	const redirectTo = resolveRedirect(
		[ctx.headers['redirect_to'] as string, ctx.url.searchParams.get('redirect_to')],
		deps.settings
	);
	const challenge = str(body.code_challenge);
	return {
		email: checked.email,
		createIfMissing,
		data,
		redirectTo,
		pkce: challenge ? { challenge, method: str(body.code_challenge_method) } : undefined
	};
}
