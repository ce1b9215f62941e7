import type { Jwk } from '../config/signing-keys.ts';
import type { StackConfig } from '../config/supabase-config.ts';
import { parseGoDuration } from '../config/supabase-config.ts';
import type { SendEmailHook } from './send-email-hook.ts';

/**
 * The auth server's settings: what the Supabase CLI would hand GoTrue for this config.toml
 * (section 12 of supabase-auth.md), so both stacks behave alike from the same file.
 */
export interface AuthSettings {
	port: number;
	apiExternalUrl: string;
	siteUrl: string;
	uriAllowList: string[];
	jwt: {
		secret: string;
		/** `GOTRUE_JWT_KEYS`: the signing keys (`[auth] signing_keys_path`); none means HS256 with the secret. */
		keys?: Jwk[];
		/** `GOTRUE_JWT_VALID_METHODS`, which the CLI sets to every algorithm it can sign with. */
		validMethods: string[];
		expSeconds: number;
		issuer: string | undefined;
		aud: string;
		adminRoles: string[];
		defaultGroup: string;
	};
	disableSignup: boolean;
	emailEnabled: boolean;
	autoconfirm: boolean;
	otpLength: number;
	otpExpSeconds: number;
	maxFrequencySeconds: number;
	emailRateLimit: string;
	refreshRotation: boolean;
	refreshReuseIntervalSeconds: number;
	flowStateExpirySeconds: number;
	/** Link path for every email kind; the CLI sets `<external url>/verify` for all of them. */
	verifyUrl: string;
	smtp: { host: string; port: number; adminEmail: string; senderName: string };
	templates: Record<string, { subject?: string; contentPath?: string }>;
	/** `[auth.hook.send_email]`: emails go to this HTTP hook instead of SMTP. */
	sendEmailHook?: SendEmailHook;
}

/**
 * A hook URI written for the Supabase CLI, whose auth container reaches the host as
 * `host.docker.internal`; this stack runs on the host itself.
 */
const onHost = (uri: string) => uri.replace('//host.docker.internal', '//127.0.0.1');

function sendEmailHook(config: StackConfig, env: Record<string, string | undefined>) {
	const configured = config.auth.hooks.send_email;
	const enabled =
		env.GOTRUE_HOOK_SEND_EMAIL_ENABLED === undefined
			? configured?.enabled === true
			: env.GOTRUE_HOOK_SEND_EMAIL_ENABLED === 'true';
	if (!enabled) return undefined;
	return {
		uri: onHost(env.GOTRUE_HOOK_SEND_EMAIL_URI ?? configured?.uri ?? ''),
		secrets: env.GOTRUE_HOOK_SEND_EMAIL_SECRETS ?? configured?.secrets ?? ''
	};
}

/** The CLI passes the signing keys and every algorithm they may use, whether or not there are keys. */
const CLI_VALID_METHODS = 'HS256,RS256,ES256';

/** `GOTRUE_JWT_KEYS`, a JSON array of JWKs (`null` when the project has none, as the CLI writes it). */
function jwtKeysFrom(value: string | undefined, fallback: Jwk[] | undefined) {
	if (value === undefined) return fallback;
	const parsed: unknown = JSON.parse(value);
	if (parsed !== null && !Array.isArray(parsed))
		throw new Error('GOTRUE_JWT_KEYS must be a JSON array of JWKs');
	return parsed?.length ? (parsed as Jwk[]) : undefined;
}

/** The settings derived from config.toml; GOTRUE_* variables in `env` override, as for GoTrue. */
export function authSettings(
	config: StackConfig,
	env: Record<string, string | undefined> = {}
): AuthSettings {
	const auth = config.auth;
	const pick = (name: string, fallback: string) => env[name] ?? fallback;
	const bool = (name: string, fallback: boolean) =>
		env[name] === undefined ? fallback : env[name] === 'true';
	return {
		port: Number(pick('AUTH_PORT', String(config.ports.auth))),
		apiExternalUrl: pick('API_EXTERNAL_URL', auth.externalUrl),
		siteUrl: pick('GOTRUE_SITE_URL', auth.siteUrl),
		uriAllowList: pick('GOTRUE_URI_ALLOW_LIST', auth.additionalRedirectUrls.join(','))
			.split(',')
			.filter(Boolean),
		jwt: {
			secret: pick('GOTRUE_JWT_SECRET', auth.jwtSecret),
			keys: jwtKeysFrom(env.GOTRUE_JWT_KEYS, auth.signingKeys),
			validMethods: pick(
				'GOTRUE_JWT_VALID_METHODS',
				env.GOTRUE_JWT_VALIDMETHODS ?? CLI_VALID_METHODS
			).split(','),
			expSeconds: Number(pick('GOTRUE_JWT_EXP', String(auth.jwtExpiry))),
			issuer: pick('GOTRUE_JWT_ISSUER', auth.jwtIssuer) || undefined,
			aud: 'authenticated',
			adminRoles: ['service_role'],
			defaultGroup: 'authenticated'
		},
		disableSignup: bool('GOTRUE_DISABLE_SIGNUP', !auth.enableSignup),
		emailEnabled: bool('GOTRUE_EXTERNAL_EMAIL_ENABLED', auth.email.enabled),
		autoconfirm: bool('GOTRUE_MAILER_AUTOCONFIRM', !auth.email.enableConfirmations),
		otpLength: Number(pick('GOTRUE_MAILER_OTP_LENGTH', String(auth.email.otpLength))),
		otpExpSeconds: Number(pick('GOTRUE_MAILER_OTP_EXP', String(auth.email.otpExpiry))),
		maxFrequencySeconds: env.GOTRUE_SMTP_MAX_FREQUENCY
			? parseGoDuration(env.GOTRUE_SMTP_MAX_FREQUENCY)
			: auth.email.maxFrequencySeconds,
		// The CLI uses [auth.rate_limit] email_sent only with custom SMTP; with its mail catcher, 360000.
		emailRateLimit: pick('GOTRUE_RATE_LIMIT_EMAIL_SENT', '360000'),
		refreshRotation: bool(
			'GOTRUE_SECURITY_REFRESH_TOKEN_ROTATION_ENABLED',
			auth.enableRefreshTokenRotation
		),
		refreshReuseIntervalSeconds: Number(
			pick('GOTRUE_SECURITY_REFRESH_TOKEN_REUSE_INTERVAL', String(auth.refreshTokenReuseInterval))
		),
		flowStateExpirySeconds: 300,
		verifyUrl: `${pick('API_EXTERNAL_URL', auth.externalUrl)}/verify`,
		smtp: {
			host: pick('GOTRUE_SMTP_HOST', '127.0.0.1'),
			port: Number(pick('GOTRUE_SMTP_PORT', String(config.ports.mailSmtp))),
			adminEmail: pick('GOTRUE_SMTP_ADMIN_EMAIL', config.mail.adminEmail),
			senderName: pick('GOTRUE_SMTP_SENDER_NAME', config.mail.senderName)
		},
		templates: auth.email.templates,
		sendEmailHook: sendEmailHook(config, env)
	};
}

/**
 * The environment a real GoTrue binary needs for the same behaviour, as the Supabase CLI builds
 * it. `templateBaseUrl` serves each configured template as `<base>/<key>.html`.
 */
export function gotrueEnv(
	config: StackConfig,
	dbUrl: string,
	templateBaseUrl: string
): Record<string, string> {
	const s = authSettings(config);
	const env: Record<string, string> = {
		API_EXTERNAL_URL: s.apiExternalUrl,
		GOTRUE_API_HOST: '127.0.0.1',
		PORT: String(s.port),
		GOTRUE_DB_DRIVER: 'postgres',
		DATABASE_URL: dbUrl,
		GOTRUE_DB_NAMESPACE: 'auth',
		GOTRUE_SITE_URL: s.siteUrl,
		GOTRUE_URI_ALLOW_LIST: s.uriAllowList.join(','),
		GOTRUE_DISABLE_SIGNUP: String(s.disableSignup),
		GOTRUE_JWT_ADMIN_ROLES: 'service_role',
		GOTRUE_JWT_AUD: 'authenticated',
		GOTRUE_JWT_DEFAULT_GROUP_NAME: 'authenticated',
		GOTRUE_JWT_EXP: String(s.jwt.expSeconds),
		GOTRUE_JWT_SECRET: s.jwt.secret,
		// As the CLI: the key file as it is (JSON null without one), and both spellings of the methods.
		GOTRUE_JWT_KEYS: JSON.stringify(config.auth.signingKeys ?? null),
		GOTRUE_JWT_VALIDMETHODS: CLI_VALID_METHODS,
		GOTRUE_JWT_VALID_METHODS: CLI_VALID_METHODS,
		GOTRUE_JWT_ISSUER: s.jwt.issuer ?? '',
		GOTRUE_EXTERNAL_EMAIL_ENABLED: String(s.emailEnabled),
		GOTRUE_MAILER_AUTOCONFIRM: String(s.autoconfirm),
		GOTRUE_MAILER_SECURE_EMAIL_CHANGE_ENABLED: 'true',
		GOTRUE_SMTP_MAX_FREQUENCY: `${s.maxFrequencySeconds}s`,
		GOTRUE_MAILER_OTP_LENGTH: String(s.otpLength),
		GOTRUE_MAILER_OTP_EXP: String(s.otpExpSeconds),
		GOTRUE_SMTP_HOST: s.smtp.host,
		GOTRUE_SMTP_PORT: String(s.smtp.port),
		GOTRUE_SMTP_ADMIN_EMAIL: s.smtp.adminEmail,
		GOTRUE_SMTP_SENDER_NAME: s.smtp.senderName,
		GOTRUE_RATE_LIMIT_EMAIL_SENT: s.emailRateLimit,
		GOTRUE_RATE_LIMIT_OTP: String(config.auth.rateLimit.signInSignUps),
		GOTRUE_RATE_LIMIT_VERIFY: String(config.auth.rateLimit.tokenVerifications),
		GOTRUE_RATE_LIMIT_TOKEN_REFRESH: String(config.auth.rateLimit.tokenRefresh),
		GOTRUE_SECURITY_REFRESH_TOKEN_ROTATION_ENABLED: String(s.refreshRotation),
		GOTRUE_SECURITY_REFRESH_TOKEN_REUSE_INTERVAL: String(s.refreshReuseIntervalSeconds),
		GOTRUE_MAILER_TEMPLATE_RELOADING_ENABLED: 'true'
	};
	if (s.sendEmailHook) {
		env.GOTRUE_HOOK_SEND_EMAIL_ENABLED = 'true';
		env.GOTRUE_HOOK_SEND_EMAIL_URI = s.sendEmailHook.uri;
		env.GOTRUE_HOOK_SEND_EMAIL_SECRETS = s.sendEmailHook.secrets;
	}
	for (const kind of ['INVITE', 'CONFIRMATION', 'RECOVERY', 'EMAIL_CHANGE'])
		env[`GOTRUE_MAILER_URLPATHS_${kind}`] = s.verifyUrl;
	for (const [key, template] of Object.entries(s.templates)) {
		if (template.subject !== undefined)
			env[`GOTRUE_MAILER_SUBJECTS_${key.toUpperCase()}`] = template.subject;
		if (template.contentPath)
			env[`GOTRUE_MAILER_TEMPLATES_${key.toUpperCase()}`] = `${templateBaseUrl}/${key}.html`;
	}
	return env;
}
