import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { stackPaths } from '../../../src/config/paths.ts';
import { loadConfig } from '../../../src/config/supabase-config.ts';
import { storageApiEnv, storageSettings } from '../../../src/storage/settings.ts';

const config = loadConfig(stackPaths().supabase);
const inputs = {
	port: 9997,
	databaseUrl: 'postgresql://supabase_storage_admin:postgres@127.0.0.1:54322/postgres',
	filesDir: '/tmp/files',
	anonKey: 'anon',
	serviceRoleKey: 'service'
};

describe('storageApiEnv (what the Supabase CLI gives its storage container)', () => {
	it('uses storage-api’s variable names, the file backend and the JWT secret as a JWKS key', () => {
		const env = storageApiEnv(config, inputs);
		expect(env).toMatchObject({
			STORAGE_BACKEND: 'file',
			FILE_STORAGE_BACKEND_PATH: '/tmp/files',
			TENANT_ID: 'stub',
			GLOBAL_S3_BUCKET: 'stub',
			AUTH_JWT_SECRET: config.auth.jwtSecret,
			DATABASE_URL: inputs.databaseUrl,
			FILE_SIZE_LIMIT: String(config.storage.fileSizeLimit),
			SIGNED_UPLOAD_URL_EXPIRATION_TIME: '7200',
			SERVICE_KEY: 'service',
			ANON_KEY: 'anon'
		});
		expect(JSON.parse(env.JWT_JWKS).keys).toEqual([
			{ kty: 'oct', k: Buffer.from(config.auth.jwtSecret).toString('base64url') }
		]);
		expect(env.UPLOAD_FILE_SIZE_LIMIT).toBeUndefined();
	});

	it('gives the stack’s public signing keys instead of the secret when it has them, as the CLI does', () => {
		const signingKey = { kty: 'EC', crv: 'P-256', x: 'x', y: 'y', kid: 'k1' };
		const env = storageApiEnv(config, { ...inputs, signingKeys: [signingKey] });
		expect(JSON.parse(env.JWT_JWKS).keys).toEqual([signingKey]);
		expect(env.AUTH_JWT_SECRET).toBe(config.auth.jwtSecret);
	});
});

describe('storageSettings (the variables read back)', () => {
	it('reads what storageApiEnv writes', () => {
		const settings = storageSettings(storageApiEnv(config, inputs));
		expect(settings).toMatchObject({
			port: 9997,
			host: '127.0.0.1',
			fileSizeLimit: config.storage.fileSizeLimit,
			signedUploadExpiresIn: 7200,
			filesRoot: path.join('/tmp/files', 'stub', 'stub'),
			serviceRoleKey: 'service'
		});
		expect(settings.jwt.jwks?.keys).toHaveLength(1);
	});

	it('prefers UPLOAD_FILE_SIZE_LIMIT, capped by the standard upload limit, as storage-api does', () => {
		const env = { ...storageApiEnv(config, inputs), UPLOAD_FILE_SIZE_LIMIT: '52428800000' };
		expect(storageSettings(env).fileSizeLimit).toBe(5_242_880_000);
	});

	it('names a missing or malformed variable', () => {
		const env = storageApiEnv(config, inputs);
		expect(() => storageSettings({ ...env, DATABASE_URL: undefined })).toThrow(
			'storage: DATABASE_URL is not set'
		);
		expect(() => storageSettings({ ...env, JWT_JWKS: '{' })).toThrow('unable to parse JWT_JWKS');
		expect(() => storageSettings({ ...env, SERVER_PORT: 'abc' })).toThrow(
			/SERVER_PORT must be a positive whole number/
		);
	});
});
