import { fileTypeFromBuffer } from 'file-type';

/**
 * Files sold with a product (PDF, EPUB, ZIP, audio), judged by their first bytes: the content must
 * be one of these kinds, and the name's extension must say the same kind, so a buyer never
 * downloads something other than what its name promises.
 */
const KINDS = {
	'application/pdf': ['pdf'],
	'application/epub+zip': ['epub'],
	'application/zip': ['zip'],
	'audio/mpeg': ['mp3'],
	'audio/mp4': ['m4a', 'mp4'],
	'audio/x-m4a': ['m4a'],
	'audio/ogg': ['ogg', 'oga', 'opus'],
	'audio/opus': ['opus', 'ogg'],
	'audio/wav': ['wav'],
	'audio/x-wav': ['wav'],
	'audio/flac': ['flac'],
	'audio/x-flac': ['flac']
} as const satisfies Record<string, readonly string[]>;

export type FileMime = keyof typeof KINDS;
export const FILE_MAX_BYTES = 200 * 1024 * 1024;
/** How many leading bytes the check needs (file-type's own reasonable sample). */
export const SNIFF_BYTES = 4100;

/** A file name safe to show and to put in a Content-Disposition: no path, no control characters. */
export function cleanFileName(name: string): string {
	const base = name.split(/[\\/]/).pop() ?? '';
	const cleaned = base
		.normalize('NFC')
		.replace(/[\p{Cc}\p{Cf}"<>|:*?]/gu, '')
		.replace(/\s+/g, ' ')
		.trim();
	return cleaned.slice(-200) || 'file';
}

export const extensionOf = (name: string) => /\.([a-z0-9]{1,8})$/i.exec(name)?.[1].toLowerCase();

/** Whether a declared name and size may be uploaded at all (before the bytes are seen). */
export function checkDeclared(name: string, size: number): string | undefined {
	const extension = extensionOf(name);
	const known = Object.values(KINDS).some((exts) =>
		(exts as readonly string[]).includes(extension ?? '')
	);
	if (!known) return 'Files can be PDF, EPUB, ZIP or audio (MP3, M4A, OGG, WAV, FLAC).';
	if (!Number.isSafeInteger(size) || size <= 0) return 'The file is empty.';
	if (size > FILE_MAX_BYTES) return 'The file is larger than 200 MB.';
	return undefined;
}

/** The file's kind from its first bytes, if it is one we sell and its name says the same. */
export async function sniffFile(
	head: Uint8Array,
	name: string
): Promise<{ ok: true; mime: FileMime } | { ok: false; message: string }> {
	const type = await fileTypeFromBuffer(head);
	const mime = type?.mime as FileMime | undefined;
	const extensions = mime && (KINDS[mime] as readonly string[] | undefined);
	if (!mime || !extensions) {
		return { ok: false, message: 'This file is not a PDF, EPUB, ZIP or audio file.' };
	}
	if (!extensions.includes(extensionOf(name) ?? '')) {
		return { ok: false, message: `This file's content (${type!.ext}) is not what its name says.` };
	}
	return { ok: true, mime };
}
