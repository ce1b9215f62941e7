import type http from 'node:http';
import type { Readable } from 'node:stream';
import busboy from 'busboy';
import { errors, StorageError } from './errors.ts';
import { isEmptyFolderPlaceholder, mustBeAllowedMimeType } from './rules.ts';

/**
 * The file an upload request carries, as storage-api reads it: a `multipart/form-data` form (what
 * storage-js sends for a Blob or File: `cacheControl`, `metadata`, `contentType` fields, then the
 * file) or the raw body with its headers. Nothing is buffered: `body` is the request's own stream.
 */
export interface UploadSource {
	body: Readable;
	mimeType: string;
	cacheControl: string;
	userMetadata?: Record<string, unknown>;
	/** The length the client declared (raw bodies only): what an RLS policy sees as contentLength. */
	declaredLength?: number;
}

export interface UploadLimits {
	/** The largest object this upload may store (0 for an empty-folder placeholder). */
	maxSize: number;
	allowedMimeTypes: string[];
}

const maxUserMetadata = 1024 * 1024;

function checkMimeType(mimeType: string, objectName: string, limits: UploadLimits) {
	if (limits.allowedMimeTypes.length > 0 && !isEmptyFolderPlaceholder(objectName)) {
		mustBeAllowedMimeType(mimeType, limits.allowedMimeTypes);
	}
}

/** `x-metadata`: base64 of a JSON object; anything unreadable is ignored, as storage-api does. */
export function parseUserMetadata(header: string): Record<string, unknown> | undefined {
	try {
		const value: unknown = JSON.parse(Buffer.from(header, 'base64').toString('utf8'));
		return value && typeof value === 'object' ? (value as Record<string, unknown>) : undefined;
	} catch {
		return undefined;
	}
}

function rawSource(
	req: http.IncomingMessage,
	objectName: string,
	limits: UploadLimits
): UploadSource {
	const mimeType = req.headers['content-type'] || 'application/octet-stream';
	checkMimeType(mimeType, objectName, limits);
	const declared = Number(req.headers['content-length']);
	const declaredLength = Number.isFinite(declared) && declared >= 0 ? declared : undefined;
	if (declaredLength !== undefined && declaredLength > limits.maxSize)
		throw errors.entityTooLarge();
	const metadata = req.headers['x-metadata'];
	return {
		body: req,
		mimeType,
		cacheControl: req.headers['cache-control'] ?? 'no-cache',
		userMetadata: typeof metadata === 'string' ? parseUserMetadata(metadata) : undefined,
		declaredLength
	};
}

/** Reads a form up to its file part; the fields after it are not read, as in storage-api. */
function multipartSource(
	req: http.IncomingMessage,
	objectName: string,
	limits: UploadLimits
): Promise<UploadSource> {
	return new Promise((resolve, reject) => {
		const fields: Record<string, string> = {};
		let form: busboy.Busboy;
		try {
			form = busboy({ headers: req.headers, limits: { fields: 10, files: 1 } });
		} catch (error) {
			return reject(new StorageError(400, 'InvalidRequest', (error as Error).message));
		}
		form.on('field', (name, value) => {
			fields[name] = value;
		});
		form.on('file', (_name, file, info) => {
			try {
				const mimeType = fields.contentType || info.mimeType;
				checkMimeType(mimeType, objectName, limits);
				const metadata = fields.metadata ?? fields.userMetadata;
				if (metadata !== undefined && Buffer.byteLength(metadata) > maxUserMetadata) {
					throw errors.entityTooLarge();
				}
				let userMetadata: Record<string, unknown> | undefined;
				try {
					userMetadata = metadata === undefined ? undefined : JSON.parse(metadata);
				} catch {
					userMetadata = undefined;
				}
				resolve({
					body: file,
					mimeType,
					cacheControl: fields.cacheControl ? `max-age=${fields.cacheControl}` : 'no-cache',
					userMetadata
				});
			} catch (error) {
				file.resume();
				reject(error);
			}
		});
		form.on('error', (error: Error) =>
			reject(new StorageError(400, 'InvalidRequest', error.message || 'No content provided'))
		);
		form.on('close', () => reject(errors.noContentProvided()));
		req.pipe(form);
	});
}

export function uploadSourceOf(
	req: http.IncomingMessage,
	objectName: string,
	limits: UploadLimits
): Promise<UploadSource> {
	if (req.headers['content-type']?.startsWith('multipart/form-data')) {
		return multipartSource(req, objectName, limits);
	}
	return Promise.resolve(rawSource(req, objectName, limits));
}

/**
 * After an upload was refused before its body was read, reads the rest and throws it away, so the
 * client finishes sending and sees the answer (Node leaves a half-read request paused).
 */
export function discardRest(req: http.IncomingMessage) {
	req.unpipe();
	if (!req.complete) req.resume();
}
