import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkDeclared, cleanFileName, sniffFile } from '$lib/server/studio/product-file';

const pdf = Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj\n<< /Type /Catalog >>\nendobj\n');
// A ZIP's local file header, and an EPUB: a ZIP whose first entry is "mimetype" = application/epub+zip.
const zip = Buffer.concat([
	Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]),
	Buffer.from([0, 0, 0, 0, 0, 0, 0, 0, 0x05, 0, 0, 0]),
	Buffer.from('a.txt')
]);
const epub = Buffer.concat([
	Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x0a, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]),
	Buffer.from([0x14, 0, 0, 0, 0x14, 0, 0, 0, 0x08, 0, 0, 0]),
	Buffer.from('mimetypeapplication/epub+zip')
]);

describe('files sold with a product', () => {
	it('takes a PDF, a ZIP and an EPUB named for what they are', async () => {
		expect(await sniffFile(pdf, 'guide.pdf')).toEqual({ ok: true, mime: 'application/pdf' });
		expect(await sniffFile(zip, 'extras.zip')).toEqual({ ok: true, mime: 'application/zip' });
		expect(await sniffFile(epub, 'book.epub')).toEqual({ ok: true, mime: 'application/epub+zip' });
	});

	it('refuses content that is not what its name says, and content of no kind we sell', async () => {
		expect(await sniffFile(zip, 'guide.pdf')).toMatchObject({
			ok: false,
			message: /not what its name says/
		});
		expect(
			await sniffFile(Buffer.from('<html><script>alert(1)</script>'), 'guide.pdf')
		).toMatchObject({
			ok: false
		});
		expect(await sniffFile(Buffer.from('MZ\x90\x00'), 'setup.zip')).toMatchObject({ ok: false });
	});

	it('checks the declared name and size before any byte is sent', () => {
		expect(checkDeclared('guide.pdf', 1000)).toBeUndefined();
		expect(checkDeclared('tool.exe', 1000)).toMatch(/PDF, EPUB, ZIP or audio/);
		expect(checkDeclared('guide.pdf', 0)).toBe('The file is empty.');
		expect(checkDeclared('guide.pdf', 201 * 1024 * 1024)).toBe('The file is larger than 200 MB.');
	});

	it('cleans any name into one without a path or control characters, never empty', () => {
		expect(cleanFileName('../../etc/passwd')).toBe('passwd');
		expect(cleanFileName('C:\\Users\\me\\My "Guide".pdf')).toBe('My Guide.pdf');
		fc.assert(
			fc.property(fc.string({ unit: 'grapheme', maxLength: 400 }), (name) => {
				const clean = cleanFileName(name);
				expect(clean.length).toBeGreaterThan(0);
				expect(clean.length).toBeLessThanOrEqual(200);
				expect(clean).not.toMatch(/[\\/\p{Cc}"]/u);
			}),
			{ seed: 3, numRuns: Number(process.env.FUZZ_RUNS ?? 300) }
		);
	});
});
