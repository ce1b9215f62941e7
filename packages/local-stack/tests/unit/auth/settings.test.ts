import { describe, expect, it } from 'vitest';
import { stackPaths } from '../../../src/config/paths.ts';
import { loadConfig } from '../../../src/config/supabase-config.ts';
import { authSettings, gotrueEnv } from '../../../src/auth/settings.ts';

const config = loadConfig(stackPaths().supabase);

describe('auth settings from config.toml', () => {
	it('maps the file as the Supabase CLI maps it for GoTrue', () => {
		const s = authSettings(config);
		expect(s.siteUrl).toBe(config.auth.siteUrl);
		expect(s.uriAllowList).toEqual(config.auth.additionalRedirectUrls);
		expect(s.autoconfirm).toBe(!config.auth.email.enableConfirmations);
		expect(s.maxFrequencySeconds).toBe(config.auth.email.maxFrequencySeconds);
		expect(s.jwt.issuer).toBe(config.auth.jwtIssuer);
		expect(s.verifyUrl).toBe(`${config.auth.externalUrl}/verify`);
		expect(s.emailRateLimit).toBe('360000');
	});

	it('lets GOTRUE_* variables override, as for GoTrue', () => {
		const s = authSettings(config, {
			GOTRUE_SMTP_MAX_FREQUENCY: '1m',
			GOTRUE_MAILER_AUTOCONFIRM: 'false',
			GOTRUE_RATE_LIMIT_EMAIL_SENT: '2'
		});
		expect(s.maxFrequencySeconds).toBe(60);
		expect(s.autoconfirm).toBe(false);
		expect(s.emailRateLimit).toBe('2');
	});

	it('builds the real binary’s environment, templates served over HTTP', () => {
		const templates = `http://127.0.0.1:${config.ports.authTemplates}/email`;
		const env = gotrueEnv(config, 'postgres://x', templates);
		expect(env.GOTRUE_MAILER_URLPATHS_RECOVERY).toBe(`${config.auth.externalUrl}/verify`);
		expect(env.GOTRUE_SMTP_MAX_FREQUENCY).toBe(`${config.auth.email.maxFrequencySeconds}s`);
		expect(env.GOTRUE_JWT_SECRET).toBe(config.auth.jwtSecret);
		if (config.auth.email.templates.magic_link?.contentPath) {
			expect(env.GOTRUE_MAILER_TEMPLATES_MAGIC_LINK).toBe(`${templates}/magic_link.html`);
		}
	});
});

describe('JWT signing keys', () => {
	it('hands the key file to a real GoTrue as the CLI does, with every method it may verify', () => {
		const env = gotrueEnv(config, 'postgres://x', 'http://t');
		expect(JSON.parse(env.GOTRUE_JWT_KEYS)).toEqual(config.auth.signingKeys ?? null);
		expect(env.GOTRUE_JWT_VALID_METHODS).toBe('HS256,RS256,ES256');
		expect(env.GOTRUE_JWT_VALIDMETHODS).toBe('HS256,RS256,ES256');
		const none = gotrueEnv(
			{ ...config, auth: { ...config.auth, signingKeys: undefined } },
			'x',
			't'
		);
		expect(none.GOTRUE_JWT_KEYS).toBe('null');
	});

	it('reads GOTRUE_JWT_KEYS over config.toml, null meaning none', () => {
		expect(authSettings(config, { GOTRUE_JWT_KEYS: 'null' }).jwt.keys).toBeUndefined();
		expect(authSettings(config).jwt.keys).toEqual(config.auth.signingKeys);
		expect(() => authSettings(config, { GOTRUE_JWT_KEYS: '{}' })).toThrow(/JSON array/);
	});
});

describe('the Send Email Hook', () => {
	const withHook = {
		...config,
		auth: {
			...config.auth,
			hooks: {
				send_email: {
					enabled: true,
					uri: 'http://host.docker.internal:54321/functions/v1/send-email',
					secrets: 'v1,whsec_c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0'
				}
			}
		}
	};

	it('is read from config.toml, called on the host, and handed to a real GoTrue too', () => {
		const hook = authSettings(withHook).sendEmailHook;
		expect(hook).toEqual({
			uri: 'http://127.0.0.1:54321/functions/v1/send-email',
			secrets: 'v1,whsec_c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0'
		});
		const env = gotrueEnv(withHook, 'postgres://x', 'http://t');
		expect(env.GOTRUE_HOOK_SEND_EMAIL_ENABLED).toBe('true');
		expect(env.GOTRUE_HOOK_SEND_EMAIL_URI).toBe(hook!.uri);
		expect(env.GOTRUE_HOOK_SEND_EMAIL_SECRETS).toBe(hook!.secrets);
	});

	it('is off when disabled, or turned off by GOTRUE_HOOK_SEND_EMAIL_ENABLED', () => {
		const off = { ...withHook, auth: { ...withHook.auth, hooks: {} } };
		expect(authSettings(off).sendEmailHook).toBeUndefined();
		expect(
			authSettings(withHook, { GOTRUE_HOOK_SEND_EMAIL_ENABLED: 'false' }).sendEmailHook
		).toBeUndefined();
	});
});
