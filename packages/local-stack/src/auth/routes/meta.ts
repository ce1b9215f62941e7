import type { Deps } from '../deps.ts';
import { sendJson, type Ctx } from '../http.ts';
import { keyringOf } from '../keyring.ts';

export const getHealth = (_deps: Deps, ctx: Ctx) =>
	sendJson(ctx, 200, {
		version: '',
		name: 'GoTrue',
		description: 'GoTrue is a user registration and authentication API'
	});

const providers = [
	'anonymous_users',
	'apple',
	'azure',
	'bitbucket',
	'discord',
	'facebook',
	'snapchat',
	'figma',
	'fly',
	'github',
	'gitlab',
	'google',
	'keycloak',
	'kakao',
	'linkedin',
	'linkedin_oidc',
	'notion',
	'spotify',
	'slack',
	'slack_oidc',
	'workos',
	'twitch',
	'twitter',
	'email',
	'phone',
	'zoom'
];

export function getSettings(deps: Deps, ctx: Ctx) {
	const external = Object.fromEntries(
		providers.map((p) => [p, p === 'email' ? deps.settings.emailEnabled : false])
	);
	sendJson(ctx, 200, {
		external,
		disable_signup: deps.settings.disableSignup,
		mailer_autoconfirm: deps.settings.autoconfirm,
		phone_autoconfirm: false,
		sms_provider: '',
		saml_enabled: false,
		saml_private_key_next_configured: true,
		passkeys_enabled: false
	});
}

/** The public halves of the signing keys (none for a secret alone), cached ten minutes as GoTrue says. */
export async function getJwks(deps: Deps, ctx: Ctx) {
	const { published } = await keyringOf(deps.settings.jwt);
	sendJson(ctx, 200, { keys: published }, { 'cache-control': 'public, max-age=600' });
}
