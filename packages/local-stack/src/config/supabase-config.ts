import path from 'node:path';
import { portsOf, type StackPorts } from './ports.ts';
import { readSigningKeys, type Jwk } from './signing-keys.ts';
import { storageConfigOf, type StorageConfig } from './storage-config.ts';
import { bool, num, readConfigToml, str, table } from './toml.ts';

/**
 * `supabase/config.toml` read into the settings the local stack needs, with the Supabase CLI's
 * own defaults where a key is absent, so the file stays the one source of truth for both stacks.
 */
export interface StackConfig {
	projectId: string;
	ports: StackPorts;
	mail: { adminEmail: string; senderName: string };
	auth: AuthConfig;
	storage: StorageConfig;
	functions: Record<string, { verifyJwt: boolean }>;
	seedPaths: string[];
	seedEnabled: boolean;
}

export interface EmailTemplate {
	subject?: string;
	/** Absolute path of the template's HTML, resolved against the project folder as the CLI does. */
	contentPath?: string;
}

export interface AuthConfig {
	siteUrl: string;
	additionalRedirectUrls: string[];
	jwtSecret: string;
	jwtExpiry: number;
	jwtIssuer: string;
	externalUrl: string;
	enableSignup: boolean;
	enableRefreshTokenRotation: boolean;
	refreshTokenReuseInterval: number;
	email: {
		/** `[auth.email] enabled`: the email provider (logins and sign-ups by email). */
		enabled: boolean;
		enableConfirmations: boolean;
		maxFrequencySeconds: number;
		otpLength: number;
		otpExpiry: number;
		templates: Record<string, EmailTemplate>;
	};
	rateLimit: {
		emailSent: number;
		signInSignUps: number;
		tokenVerifications: number;
		tokenRefresh: number;
	};
	hooks: Record<string, { enabled: boolean; uri: string; secrets?: string }>;
	/** `signing_keys_path`, resolved against `supabase/` as the CLI does, and the keys it holds. */
	signingKeysPath?: string;
	signingKeys?: Jwk[];
	/** `publishable_key`, `secret_key`, `anon_key`, `service_role_key`: set only to replace the defaults. */
	keys: { publishable?: string; secret?: string; anon?: string; serviceRole?: string };
}

/** The secret `supabase start` signs its keys with; ours signs with the same, so `.env` fits both. */
export const DEFAULT_JWT_SECRET = 'super-secret-jwt-token-with-at-least-32-characters-long';

/** A Go duration as the CLI writes it ("1s", "60s", "1m30s") in seconds. */
export function parseGoDuration(value: string): number {
	const parts = [...value.matchAll(/(\d+(?:\.\d+)?)(h|ms|m|s)/g)];
	if (parts.length === 0 || parts.map((p) => p[0]).join('') !== value.trim()) {
		throw new Error(`Invalid duration "${value}": expected a Go duration such as "60s" or "1m"`);
	}
	const unit = { h: 3600, m: 60, s: 1, ms: 0.001 } as const;
	return parts.reduce((sum, [, n, u]) => sum + Number(n) * unit[u as keyof typeof unit], 0);
}

export function loadConfig(supabaseDir: string): StackConfig {
	const raw = readConfigToml(supabaseDir);
	const ports = portsOf(raw);
	const db = table(raw.db);
	const seed = table(db.seed);
	const smtp = table(raw.local_smtp);
	const auth = table(raw.auth);
	const email = table(auth.email);
	const rate = table(auth.rate_limit);
	const externalUrl = str(auth.external_url, `http://127.0.0.1:${ports.api}/auth/v1`);
	const projectRoot = path.dirname(supabaseDir);
	const signingKeysPath =
		typeof auth.signing_keys_path === 'string' && auth.signing_keys_path !== ''
			? path.resolve(supabaseDir, auth.signing_keys_path)
			: undefined;
	const optional = (value: unknown) => (typeof value === 'string' && value ? value : undefined);

	const templates: Record<string, EmailTemplate> = {};
	for (const [key, value] of Object.entries(table(email.template))) {
		const t = table(value);
		templates[key] = {
			subject: typeof t.subject === 'string' ? t.subject : undefined,
			contentPath:
				typeof t.content_path === 'string' ? path.resolve(projectRoot, t.content_path) : undefined
		};
	}
	const hooks: AuthConfig['hooks'] = {};
	for (const [key, value] of Object.entries(table(auth.hook))) {
		const h = table(value);
		hooks[key] = {
			enabled: bool(h.enabled, false),
			uri: str(h.uri, ''),
			secrets: typeof h.secrets === 'string' ? h.secrets : undefined
		};
	}
	const functions: StackConfig['functions'] = {};
	for (const [name, value] of Object.entries(table(raw.functions))) {
		functions[name] = { verifyJwt: bool(table(value).verify_jwt, true) };
	}

	return {
		projectId: str(raw.project_id, path.basename(projectRoot)),
		ports,
		mail: {
			adminEmail: str(smtp.admin_email, 'admin@email.com'),
			senderName: str(smtp.sender_name, 'Admin')
		},
		auth: {
			siteUrl: str(auth.site_url, 'http://127.0.0.1:3000'),
			additionalRedirectUrls: Array.isArray(auth.additional_redirect_urls)
				? auth.additional_redirect_urls.map(String)
				: [],
			jwtSecret: str(auth.jwt_secret, DEFAULT_JWT_SECRET),
			jwtExpiry: num(auth.jwt_expiry, 3600),
			jwtIssuer: str(auth.jwt_issuer, externalUrl),
			externalUrl,
			enableSignup: bool(auth.enable_signup, true),
			enableRefreshTokenRotation: bool(auth.enable_refresh_token_rotation, true),
			refreshTokenReuseInterval: num(auth.refresh_token_reuse_interval, 10),
			email: {
				// CLI 3 still reads the old name, `enable_signup`, with a deprecation warning.
				enabled: bool(email.enabled, bool(email.enable_signup, true)),
				enableConfirmations: bool(email.enable_confirmations, false),
				maxFrequencySeconds: parseGoDuration(str(email.max_frequency, '1s')),
				otpLength: num(email.otp_length, 6),
				otpExpiry: num(email.otp_expiry, 3600),
				templates
			},
			rateLimit: {
				emailSent: num(rate.email_sent, 2),
				signInSignUps: num(rate.sign_in_sign_ups, 30),
				tokenVerifications: num(rate.token_verifications, 30),
				tokenRefresh: num(rate.token_refresh, 150)
			},
			hooks,
			signingKeysPath,
			signingKeys: signingKeysPath ? readSigningKeys(signingKeysPath) : undefined,
			keys: {
				publishable: optional(auth.publishable_key),
				secret: optional(auth.secret_key),
				anon: optional(auth.anon_key),
				serviceRole: optional(auth.service_role_key)
			}
		},
		storage: storageConfigOf(raw, supabaseDir),
		functions,
		seedEnabled: bool(seed.enabled, true),
		seedPaths: Array.isArray(seed.sql_paths)
			? seed.sql_paths.map((p) => path.resolve(supabaseDir, String(p)))
			: [path.join(supabaseDir, 'seed.sql')]
	};
}
