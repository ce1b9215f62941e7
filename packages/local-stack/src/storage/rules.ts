import { errors } from './errors.ts';

/**
 * Storage's rules on names, sizes and types (storage-api's `src/storage/limits.ts` and its
 * uploader), pure so they are tested without a server.
 */

// S3-safe characters and the few storage-api handles specially; the hyphen is last, a literal.
const validObjectKey = /^[A-Za-z0-9_/!.*'() &$=@;:+,?-]*$/;
const validBucketName = /^[A-Za-z0-9_!.*'() &$=@;:+,?-]*$/;

export function mustBeValidKey(key: string | undefined): asserts key is string {
	if (!key || !validObjectKey.test(key)) throw errors.invalidKey(key ?? '');
}

export function mustBeValidBucketName(name: string | undefined): asserts name is string {
	if (!name || name.length > 100 || !validBucketName.test(name)) throw errors.invalidBucketName();
}

/** Bucket names on create also refuse surrounding spaces. */
export function mustBeValidNewBucketName(name: string) {
	if (name.trim() !== name) throw errors.invalidBucketName();
	mustBeValidBucketName(name);
}

export const isUuid = (value: string) =>
	/^[0-9a-f]{8}-[0-9a-f]{4}-[0-5][0-9a-f]{3}-[089ab][0-9a-f]{3}-[0-9a-f]{12}$/i.test(value);

/** The dashboard's placeholder for an empty folder: always allowed, always empty. */
export const isEmptyFolderPlaceholder = (name: string) => name.endsWith('.emptyFolderPlaceholder');

/** A bucket's `file_size_limit` given as text ("10MB"): decimal units, as storage-api reads them. */
export function parseBucketFileSize(value: string): number {
	const match = /^([0-9]+(?:\.[0-9]+)?)(gb|mb|kb|b)$/i.exec(value);
	if (!match) throw errors.invalidFileSizeLimit();
	const amount = Number(Number.parseFloat(match[1]).toPrecision(3));
	const unit = { GB: 1e9, MB: 1e6, KB: 1e3, B: 1 }[
		match[2].toUpperCase() as 'GB' | 'MB' | 'KB' | 'B'
	];
	return amount * unit;
}

/** An entry of a bucket's `allowed_mime_types`: `type/subtype` (with a charset), or ending in `*`. */
export function mustBeValidAllowedMimeTypes(types: string[]) {
	for (const type of types) {
		if (
			type.length > 1000 ||
			!/^([a-zA-Z0-9\-+.]+)\/([a-zA-Z0-9\-+.]+)(;\s*charset=[a-zA-Z0-9-]+)?$|\*$/.test(type)
		) {
			throw errors.invalidMimeType(type);
		}
	}
}

/**
 * Whether an upload's content type is one the bucket allows: the same type and subtype, or the
 * same type where the bucket says `type/*`. The whole header is compared, as storage-api does,
 * so `text/plain;charset=UTF-8` matches neither `text/plain` nor anything but `text/*`.
 */
export function mustBeAllowedMimeType(mimeType: string, allowed: string[]) {
	const [type, subtype] = mimeType.split('/');
	if (subtype === undefined) throw errors.invalidMimeType(mimeType);
	const ok = allowed.some((entry) => {
		const [allowedType, allowedSubtype] = entry.split('/');
		return allowedType === type && (allowedSubtype === '*' || allowedSubtype === subtype);
	});
	if (!ok) throw errors.invalidMimeType(mimeType);
}

/** The largest object an upload may store: the global limit, lowered by the bucket's. */
export const maxUploadSize = (globalLimit: number, bucketLimit: number | null) =>
	typeof bucketLimit === 'number' ? Math.min(bucketLimit, globalLimit) : globalLimit;

/** `Content-Disposition` for `?download` (empty: the browser picks the name) or `?download=name`. */
export function contentDisposition(download: string): string {
	if (download === '') return 'attachment;';
	const name = encodeURIComponent(download);
	return `attachment; filename=${name}; filename*=UTF-8''${name}`;
}

export interface ByteRange {
	start: number;
	end: number;
}

/** One `Range: bytes=…` range within a file of `size` bytes; anything else is 416. */
export function parseRange(header: string, size: number): ByteRange {
	const match = /^bytes=(\d*)-(\d*)$/.exec(header);
	if (!match || size <= 0 || (!match[1] && !match[2])) throw errors.invalidRange();
	if (!match[1]) {
		const suffix = Number(match[2]);
		if (!Number.isSafeInteger(suffix) || suffix <= 0) throw errors.invalidRange();
		return { start: Math.max(size - suffix, 0), end: size - 1 };
	}
	const start = Number(match[1]);
	const end = match[2] ? Number(match[2]) : size - 1;
	if (!Number.isSafeInteger(start) || !Number.isSafeInteger(end) || end < start || start >= size) {
		throw errors.invalidRange();
	}
	return { start, end: Math.min(end, size - 1) };
}

/** The largest `expiresIn` a signed URL accepts: its expiry must stay a safe number of milliseconds. */
export function mustBeValidExpiresIn(expiresIn: number, nowMs = Date.now()) {
	const max = Math.floor(Number.MAX_SAFE_INTEGER / 1000) - Math.floor(nowMs / 1000);
	if (!Number.isSafeInteger(Math.floor(expiresIn)) || expiresIn < 1 || expiresIn > max) {
		throw errors.invalidParameter('expiresIn');
	}
}
