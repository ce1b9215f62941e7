import { describe, expect, it } from 'vitest';
import {
	contentDisposition,
	maxUploadSize,
	mustBeAllowedMimeType,
	mustBeValidAllowedMimeTypes,
	mustBeValidBucketName,
	mustBeValidExpiresIn,
	mustBeValidKey,
	parseBucketFileSize,
	parseRange
} from '../../../src/storage/rules.ts';

const code = (run: () => unknown) => {
	try {
		run();
	} catch (error) {
		return (error as { code: string }).code;
	}
	return 'ok';
};

describe('names', () => {
	it('allows S3-safe keys and refuses the rest', () => {
		expect(code(() => mustBeValidKey('user/books/My Guide (2).pdf'))).toBe('ok');
		for (const key of ['', 'back\\slash', 'percent%20', 'hash#', 'ümlaut', 'tab\t']) {
			expect(code(() => mustBeValidKey(key))).toBe('InvalidKey');
		}
	});

	it('allows bucket names up to 100 characters without a slash', () => {
		expect(code(() => mustBeValidBucketName('covers'))).toBe('ok');
		expect(code(() => mustBeValidBucketName('a'.repeat(101)))).toBe('InvalidBucketName');
		expect(code(() => mustBeValidBucketName('a/b'))).toBe('InvalidBucketName');
	});
});

describe('types and sizes', () => {
	it('matches a content type against the bucket’s list, whole or by a type/* wildcard', () => {
		expect(code(() => mustBeAllowedMimeType('audio/mpeg', ['audio/*']))).toBe('ok');
		expect(code(() => mustBeAllowedMimeType('application/pdf', ['application/pdf']))).toBe('ok');
		expect(code(() => mustBeAllowedMimeType('application/zip', ['application/pdf']))).toBe(
			'InvalidMimeType'
		);
		// storage-api compares the whole header: a charset makes it another subtype.
		expect(code(() => mustBeAllowedMimeType('text/plain;charset=UTF-8', ['text/plain']))).toBe(
			'InvalidMimeType'
		);
		expect(code(() => mustBeAllowedMimeType('nonsense', ['nonsense']))).toBe('InvalidMimeType');
	});

	it('accepts type/subtype (with a charset) or a wildcard in a bucket’s list', () => {
		expect(
			code(() => mustBeValidAllowedMimeTypes(['image/png', 'audio/*', 'text/plain; charset=utf-8']))
		).toBe('ok');
		expect(code(() => mustBeValidAllowedMimeTypes(['image png']))).toBe('InvalidMimeType');
	});

	it('reads a bucket size given as text in decimal units', () => {
		expect(parseBucketFileSize('10MB')).toBe(10_000_000);
		expect(parseBucketFileSize('1.5gb')).toBe(1_500_000_000);
		expect(parseBucketFileSize('300B')).toBe(300);
		expect(code(() => parseBucketFileSize('10 MB'))).toBe('InvalidRequest');
	});

	it('caps an upload at the lower of the global and the bucket limit', () => {
		expect(maxUploadSize(200, 10)).toBe(10);
		expect(maxUploadSize(200, 500)).toBe(200);
		expect(maxUploadSize(200, null)).toBe(200);
	});

	it('accepts an expiry in whole seconds from 1 to what a date can hold', () => {
		expect(code(() => mustBeValidExpiresIn(60))).toBe('ok');
		expect(code(() => mustBeValidExpiresIn(0))).toBe('InvalidParameter');
		expect(code(() => mustBeValidExpiresIn(Number.MAX_SAFE_INTEGER))).toBe('InvalidParameter');
	});
});

describe('parseRange', () => {
	it('reads a range, an open end and a suffix, clamped to the file', () => {
		expect(parseRange('bytes=0-9', 100)).toEqual({ start: 0, end: 9 });
		expect(parseRange('bytes=90-', 100)).toEqual({ start: 90, end: 99 });
		expect(parseRange('bytes=-10', 100)).toEqual({ start: 90, end: 99 });
		expect(parseRange('bytes=-500', 100)).toEqual({ start: 0, end: 99 });
		expect(parseRange('bytes=50-500', 100)).toEqual({ start: 50, end: 99 });
	});

	it('answers 416 to what it cannot serve', () => {
		for (const header of [
			'bytes=100-200',
			'bytes=5-2',
			'bytes=-',
			'bytes=-0',
			'items=0-1',
			'bytes=0-1,3-4'
		]) {
			expect(code(() => parseRange(header, 100))).toBe('InvalidRange');
		}
		expect(code(() => parseRange('bytes=0-0', 0))).toBe('InvalidRange');
	});
});

describe('contentDisposition', () => {
	it('lets the browser name the file, or names it encoded both ways', () => {
		expect(contentDisposition('')).toBe('attachment;');
		expect(contentDisposition('Guide ä.pdf')).toBe(
			"attachment; filename=Guide%20%C3%A4.pdf; filename*=UTF-8''Guide%20%C3%A4.pdf"
		);
	});
});
