import { checkEmail, checkPasswordStrength, type Deps } from '../deps.ts';
import { notFound, unprocessable, validation } from '../errors.ts';
import { jsonBody, sendJson, str, type Ctx } from '../http.ts';
import { confirmationUrl } from '../mailer.ts';
import { storeToken, type Slot } from '../one-time-tokens.ts';
import { resolveRedirect } from '../redirect.ts';
import { generateOtp, tokenHash } from '../tokens.ts';
import {
	audit,
	createUser,
	findUserByEmail,
	findUserById,
	userJson,
	type UserRow
} from '../users.ts';
import { adminActor } from './admin.ts';

const types = [
	'magiclink',
	'signup',
	'recovery',
	'invite',
	'email_change_current',
	'email_change_new'
];

/**
 * POST /admin/generate_link: the token an email would carry, returned instead of sent. It replaces
 * the user's outstanding token of that kind (so an emailed link stops working) and sets
 * `*_sent_at`, but skips the resend throttle and the email budget, as GoTrue does.
 */
export async function generateLink(deps: Deps, ctx: Ctx) {
	const { settings } = deps;
	const body = jsonBody(ctx, ['type', 'email', 'password', 'new_email', 'redirect_to']);
	const type = str(body.type);
	if (!types.includes(type)) throw validation(`Invalid email action link type requested: ${type}`);
	const checked = checkEmail(str(body.email));
	if ('error' in checked) throw validation(checked.error);
	const email = checked.email;
	const data =
		body.data && typeof body.data === 'object' && !Array.isArray(body.data)
			? (body.data as Record<string, unknown>)
			: {};
	const redirectTo = resolveRedirect(
		[str(body.redirect_to), ctx.url.searchParams.get('redirect_to')],
		settings
	);
	if (type.startsWith('email_change')) {
		throw validation('Email change links are not implemented by the local auth server');
	}
	const json = await deps.sql.begin(async (tx) => {
		let user: UserRow | undefined = await findUserByEmail(tx, email);
		let verificationType = type;
		let slot: Slot = 'recovery';
		// An admin call: GoTrue signs the address up even with sign-ups off. A `signup` link needs
		// the new account's password; a magic link for an unknown address makes one up.
		const signup = async () => {
			if (type === 'signup') {
				if (!str(body.password)) throw validation('Signup requires a valid password');
				checkPasswordStrength(str(body.password));
			}
			const created = await createUser(tx, {
				email,
				password: str(body.password) || undefined,
				role: settings.jwt.defaultGroup,
				aud: settings.jwt.aud,
				userMetadata: data,
				confirmed: false,
				invited: type === 'invite',
				// Unlike /otp's signup, the admin link keeps `data` as the metadata, exactly: the
				// identity's fields stay in identities[].identity_data.
				metadataFromIdentity: false
			});
			await audit(tx, type === 'invite' ? 'user_invited' : 'user_signedup', 'team', adminActor, {
				user_id: created.id,
				user_email: email
			});
			return created;
		};
		if (type === 'magiclink' || type === 'recovery') {
			if (!user && type === 'recovery')
				throw notFound('user_not_found', 'User with this email not found');
			if (!user) {
				user = await signup();
				verificationType = 'signup';
				slot = 'confirmation';
			}
		} else {
			slot = 'confirmation';
			if (user?.email_confirmed_at)
				throw unprocessable(
					'email_exists',
					'A user with this email address has already been registered'
				);
			if (!user) user = await signup();
			else if (type === 'signup' && Object.keys(data).length) {
				await tx`update auth.users set raw_user_meta_data = coalesce(raw_user_meta_data, '{}') || ${tx.json(data as never)} where id = ${user.id}`;
			} else if (type === 'invite')
				await tx`update auth.users set invited_at = now() where id = ${user.id}`;
		}
		const otp = generateOtp(settings.otpLength);
		const hash = tokenHash(email, otp);
		await storeToken(tx, user, slot, hash);
		if (slot === 'recovery')
			await audit(tx, 'user_recovery_requested', 'user', { id: user.id, username: email });
		const fresh = await findUserById(tx, user.id);
		return {
			...(await userJson(tx, fresh)),
			action_link: confirmationUrl(settings, hash, verificationType, redirectTo),
			email_otp: otp,
			hashed_token: hash,
			verification_type: verificationType,
			redirect_to: redirectTo
		};
	});
	sendJson(ctx, 200, json);
}
