import path from 'node:path';
import type { JWK } from 'jose';
import type { StackConfig } from '../config/supabase-config.ts';
import type { JwtKeys } from './jwt.ts';

/**
 * The storage server's settings travel as storage-api's own environment variables, with the
 * values the Supabase CLI gives its storage container for the same config.toml. One function
 * makes them (`storageApiEnv`), for our server and for a real storage-api (`STORAGE_SERVER_DIR`)
 * alike; our server reads them back with `storageSettings`.
 */
export interface StorageEnvInputs {
	port: number;
	databaseUrl: string;
	/** storage-api's FILE_STORAGE_BACKEND_PATH: the folder bytes are kept under. */
	filesDir: string;
	anonKey: string;
	serviceRoleKey: string;
	/** Public keys of asymmetric signing keys, when the stack has them (SUPABASE_JWKS). */
	signingKeys?: JWK[];
}

/**
 * The CLI's storage variables (`internal/start/start.go`). One deliberate difference: the CLI also
 * sets UPLOAD_FILE_SIZE_LIMIT=50 GB, which storage-api prefers to FILE_SIZE_LIMIT, so locally
 * config.toml's `file_size_limit` would limit only the configured buckets; here it is the global
 * limit, as the project's file size limit is on Supabase.
 */
export function storageApiEnv(config: StackConfig, o: StorageEnvInputs): Record<string, string> {
	const secretKey: JWK = {
		kty: 'oct',
		k: Buffer.from(config.auth.jwtSecret).toString('base64url')
	};
	return {
		ANON_KEY: o.anonKey,
		SERVICE_KEY: o.serviceRoleKey,
		AUTH_JWT_SECRET: config.auth.jwtSecret,
		// The CLI's ResolveJWKS: the public signing keys, or the JWT secret as an `oct` key without
		// them (HS256 tokens without a `kid` are checked with AUTH_JWT_SECRET either way).
		JWT_JWKS: JSON.stringify({ keys: o.signingKeys?.length ? o.signingKeys : [secretKey] }),
		DATABASE_URL: o.databaseUrl,
		FILE_SIZE_LIMIT: String(config.storage.fileSizeLimit),
		STORAGE_BACKEND: 'file',
		FILE_STORAGE_BACKEND_PATH: o.filesDir,
		TENANT_ID: 'stub',
		STORAGE_S3_REGION: 'local',
		GLOBAL_S3_BUCKET: 'stub',
		ENABLE_IMAGE_TRANSFORMATION: 'false',
		TUS_URL_PATH: '/storage/v1/upload/resumable',
		S3_PROTOCOL_ENABLED: 'false',
		UPLOAD_FILE_SIZE_LIMIT_STANDARD: '5242880000',
		SIGNED_UPLOAD_URL_EXPIRATION_TIME: '7200',
		SERVER_HOST: '127.0.0.1',
		SERVER_PORT: String(o.port)
	};
}

export interface StorageSettings {
	host: string;
	port: number;
	databaseUrl: string;
	jwt: JwtKeys;
	serviceRoleKey: string;
	/** The largest object any upload may store, in bytes. */
	fileSizeLimit: number;
	/** Seconds a signed upload URL stays valid. */
	signedUploadExpiresIn: number;
	/** Where objects' bytes live: `<backend path>/<bucket>/<tenant>`, storage-api's file layout. */
	filesRoot: string;
}

function required(env: Record<string, string | undefined>, name: string) {
	const value = env[name];
	if (!value) throw new Error(`storage: ${name} is not set`);
	return value;
}

function positive(env: Record<string, string | undefined>, name: string, fallback?: number) {
	const value = env[name] === undefined ? fallback : Number(env[name]);
	if (value === undefined || !Number.isSafeInteger(value) || value <= 0) {
		throw new Error(`storage: ${name} must be a positive whole number, not ${env[name]}`);
	}
	return value;
}

/** storage-api's variables read back, with its own names and fallbacks. */
export function storageSettings(env: Record<string, string | undefined>): StorageSettings {
	const secret = env.AUTH_JWT_SECRET ?? env.PGRST_JWT_SECRET;
	if (!secret) throw new Error('storage: AUTH_JWT_SECRET is not set');
	let jwks: JwtKeys['jwks'];
	if (env.JWT_JWKS) {
		try {
			jwks = JSON.parse(env.JWT_JWKS) as JwtKeys['jwks'];
		} catch {
			throw new Error('storage: unable to parse JWT_JWKS value to JSON');
		}
	}
	const fileSizeLimit = Math.min(
		positive(env, env.UPLOAD_FILE_SIZE_LIMIT ? 'UPLOAD_FILE_SIZE_LIMIT' : 'FILE_SIZE_LIMIT'),
		positive(env, 'UPLOAD_FILE_SIZE_LIMIT_STANDARD', Number.MAX_SAFE_INTEGER)
	);
	return {
		host: env.SERVER_HOST ?? '127.0.0.1',
		port: positive(env, 'SERVER_PORT', 5000),
		databaseUrl: required(env, 'DATABASE_URL'),
		jwt: { secret: new TextEncoder().encode(secret), jwks },
		serviceRoleKey: required(env, 'SERVICE_KEY'),
		fileSizeLimit,
		signedUploadExpiresIn: positive(env, 'SIGNED_UPLOAD_URL_EXPIRATION_TIME', 60),
		filesRoot: path.join(
			required(env, 'FILE_STORAGE_BACKEND_PATH'),
			env.GLOBAL_S3_BUCKET ?? env.STORAGE_S3_BUCKET ?? 'stub',
			env.TENANT_ID ?? 'storage-single-tenant'
		)
	};
}
