import path from 'node:path';
import { bool, table, type Table } from './toml.ts';

/**
 * `[storage]` of `supabase/config.toml`, read as the Supabase CLI reads it: sizes in Docker's
 * units, each bucket's size limit falling back to the global one, `objects_path` relative to
 * the `supabase/` folder, bucket names checked against Storage's rule.
 */
export interface StorageConfig {
	enabled: boolean;
	/** `file_size_limit` in bytes: the largest object any upload may store. */
	fileSizeLimit: number;
	buckets: Record<string, BucketConfig>;
}

export interface BucketConfig {
	/** Absent means "leave as it is" on update and private on create, as the CLI sends it. */
	public?: boolean;
	fileSizeLimit: number;
	allowedMimeTypes?: string[];
	/** Absolute folder whose files are uploaded into the bucket at start. */
	objectsPath?: string;
}

/** The CLI's default `file_size_limit`, "50MiB". */
export const DEFAULT_FILE_SIZE_LIMIT = 50 * 1024 * 1024;

const binaryUnits: Record<string, number> = {
	'': 1,
	k: 2 ** 10,
	m: 2 ** 20,
	g: 2 ** 30,
	t: 2 ** 40,
	p: 2 ** 50
};

/**
 * A size as the CLI parses `file_size_limit` (Docker's `units.RAMInBytes`): a number, optionally a
 * space, a unit letter, an optional `i`, an optional `b`; every unit is binary ("5MB" is 5 MiB).
 */
export function parseSizeInBytes(value: unknown, key: string): number {
	if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return value;
	const match = typeof value === 'string' ? /^(\d+(?:\.\d+)*) ?([kmgtp])?i?b?$/i.exec(value) : null;
	if (!match) {
		throw new Error(
			`Invalid ${key} ${JSON.stringify(value)} in config.toml: expected a size such as "50MiB"`
		);
	}
	return Math.trunc(Number.parseFloat(match[1]) * binaryUnits[(match[2] ?? '').toLowerCase()]);
}

/** The bucket name rule the CLI checks config.toml against (Storage's own, from its limits). */
const bucketNamePattern = /^(\w|!|-|\.|\*|'|\(|\)| |&|\$|@|=|;|:|\+|,|\?)*$/;

function stringList(value: unknown, key: string): string[] | undefined {
	if (value === undefined) return undefined;
	if (!Array.isArray(value) || value.some((item) => typeof item !== 'string')) {
		throw new Error(`Invalid ${key} in config.toml: expected a list of strings`);
	}
	return value as string[];
}

export function storageConfigOf(raw: Table, supabaseDir: string): StorageConfig {
	const storage = table(raw.storage);
	const fileSizeLimit =
		storage.file_size_limit === undefined
			? DEFAULT_FILE_SIZE_LIMIT
			: parseSizeInBytes(storage.file_size_limit, 'storage.file_size_limit');
	const buckets: Record<string, BucketConfig> = {};
	for (const [name, value] of Object.entries(table(storage.buckets))) {
		if (!bucketNamePattern.test(name)) {
			throw new Error(
				`Invalid Bucket name: ${name}. Only lowercase letters, numbers, dots, hyphens, and spaces are allowed.`
			);
		}
		const bucket = table(value);
		const key = `storage.buckets.${name}`;
		const limit =
			bucket.file_size_limit === undefined
				? 0
				: parseSizeInBytes(bucket.file_size_limit, `${key}.file_size_limit`);
		buckets[name] = {
			public: typeof bucket.public === 'boolean' ? bucket.public : undefined,
			fileSizeLimit: limit === 0 ? fileSizeLimit : limit,
			allowedMimeTypes: stringList(bucket.allowed_mime_types, `${key}.allowed_mime_types`),
			objectsPath:
				typeof bucket.objects_path === 'string' && bucket.objects_path !== ''
					? path.resolve(supabaseDir, bucket.objects_path)
					: undefined
		};
	}
	return { enabled: bool(storage.enabled, true), fileSizeLimit, buckets };
}
