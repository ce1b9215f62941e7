import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	dropBucket,
	env,
	serviceStorage,
	storageFetch,
	storageUrl,
	uniqueName
} from './helpers.ts';

/**
 * A 50 MB file goes up as a stream (chunked, no Content-Length) and comes down as a stream, whole
 * and in ranges, through the gateway: what a seller's upload and a buyer's download do.
 */
const bucket = uniqueName('large');
const size = 50 * 1024 * 1024;
const chunk = 1024 * 1024;

/** 50 MB of varied bytes made a chunk at a time, so neither side of the test holds them all. */
function* chunks() {
	for (let i = 0; i < size / chunk; i++) {
		const bytes = Buffer.alloc(chunk, i % 251);
		bytes.writeUInt32BE(i, 0);
		yield bytes;
	}
}

const expectedMd5 = (() => {
	const md5 = createHash('md5');
	for (const bytes of chunks()) md5.update(bytes);
	return md5.digest('hex');
})();

beforeAll(async () => {
	const { error } = await serviceStorage().createBucket(bucket);
	if (error) throw error;
});
afterAll(() => dropBucket(bucket));

describe('a 50 MB file', () => {
	it('uploads as a stream and is stored whole', { timeout: 120_000 }, async () => {
		const { error } = await serviceStorage()
			.from(bucket)
			.upload('big.bin', Readable.from(chunks()), { contentType: 'application/octet-stream' });
		expect(error).toBeNull();
		const { data } = await serviceStorage().from(bucket).info('big.bin');
		expect(data).toMatchObject({ size, etag: `"${expectedMd5}"` });
	});

	it('downloads as a stream with the same bytes', { timeout: 120_000 }, async () => {
		const response = await fetch(`${storageUrl}/object/authenticated/${bucket}/big.bin`, {
			headers: { authorization: `Bearer ${env.serviceRoleKey}` }
		});
		expect(response.headers.get('content-length')).toBe(String(size));
		const md5 = createHash('md5');
		let received = 0;
		const reader = response.body!.getReader();
		for (let part = await reader.read(); !part.done; part = await reader.read()) {
			md5.update(part.value);
			received += part.value.length;
		}
		expect(received).toBe(size);
		expect(md5.digest('hex')).toBe(expectedMd5);
	});

	it('serves a range from the middle', async () => {
		const start = 30 * chunk;
		const answer = await storageFetch(`/object/${bucket}/big.bin`, {
			token: env.serviceRoleKey,
			headers: { range: `bytes=${start}-${start + 7}` }
		});
		expect(answer.status).toBe(206);
		expect(answer.headers.get('content-range')).toBe(`bytes ${start}-${start + 7}/${size}`);
		const bytes = Buffer.from(answer.text, 'latin1');
		expect(bytes.readUInt32BE(0)).toBe(30);
	});
});
