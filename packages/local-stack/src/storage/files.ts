import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { copyFile, mkdir, open, opendir, rm, rmdir } from 'node:fs/promises';
import path from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { errors } from './errors.ts';

/**
 * Objects' bytes on disk, laid out as storage-api's `file` backend lays them out:
 * `<root>/<bucket>/<object name>/<version>`, one file per version, so an upload never touches the
 * bytes a reader is streaming and a replaced version is deleted once the new row is committed.
 * Content type and cache control live in the object's metadata row, not beside the file.
 */
export class FileStore {
	readonly root: string;

	constructor(root: string) {
		this.root = path.resolve(root);
	}

	/**
	 * The file of one version (a row without one, written by other means, is the bare name, as in
	 * storage-api); a name that would leave the root is an invalid key.
	 */
	pathOf(bucketId: string, name: string, version: string | null): string {
		const relative = version ? `${bucketId}/${name}/${version}` : `${bucketId}/${name}`;
		const segments = relative.split('/');
		if (relative.includes('\0') || segments.some((s) => s === '.' || s === '..')) {
			throw errors.invalidKey(name);
		}
		const file = path.resolve(this.root, relative);
		if (!file.startsWith(this.root + path.sep)) throw errors.invalidKey(name);
		return file;
	}

	/**
	 * Streams `source` into a version's file, hashing on the way (the ETag is the MD5, as
	 * storage-api's default) and refusing more than `limit` bytes: the partial file is removed and
	 * the upload answered 413, however the client sent it.
	 */
	async write(file: string, source: Readable, limit: number) {
		await mkdir(path.dirname(file), { recursive: true });
		const md5 = createHash('md5');
		let size = 0;
		const meter = new Transform({
			transform(chunk: Buffer, _encoding, done) {
				size += chunk.length;
				if (size > limit) return done(errors.entityTooLarge());
				md5.update(chunk);
				done(null, chunk);
			}
		});
		try {
			await pipeline(source, meter, createWriteStream(file));
		} catch (error) {
			await this.remove(file);
			throw error;
		}
		return { size, eTag: `"${md5.digest('hex')}"` };
	}

	/** A version's bytes (a range of them), opened now so a missing file fails before answering. */
	async read(file: string, range?: { start: number; end: number }): Promise<Readable> {
		const handle = await open(file);
		return handle.createReadStream(range);
	}

	async copy(from: string, to: string) {
		await mkdir(path.dirname(to), { recursive: true });
		await copyFile(from, to);
	}

	/** Deletes a version's file and the folders it leaves empty, as storage-api's backend does. */
	async remove(file: string) {
		await rm(file, { force: true });
		for (
			let dir = path.dirname(file);
			dir.startsWith(this.root + path.sep);
			dir = path.dirname(dir)
		) {
			if (!(await isEmptyDir(dir))) return;
			await rmdir(dir).catch(() => {});
		}
	}
}

async function isEmptyDir(dir: string) {
	try {
		const handle = await opendir(dir);
		const entry = await handle.read();
		await handle.close();
		return entry === null;
	} catch {
		return false;
	}
}
