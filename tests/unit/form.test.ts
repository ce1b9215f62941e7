import { describe, expect, it } from 'vitest';
import { readForm } from '$lib/server/form';

const post = (body: BodyInit | null, contentType?: string) =>
	new Request('http://shop.test/login', {
		method: 'POST',
		body,
		headers: contentType ? { 'content-type': contentType } : {}
	});

/** The failure's status and message, or the form's entries. */
async function read(request: Request) {
	const form = await readForm(request);
	if (!(form instanceof FormData)) return { status: form.status, message: form.data.message };
	const entries: [string, FormDataEntryValue][] = [];
	form.forEach((value, key) => entries.push([key, value]));
	return { entries };
}

describe('readForm', () => {
	it('reads urlencoded and multipart forms, repeated fields and all', async () => {
		expect(
			await read(
				post('email=a%40b.test&next=%2Flibrary&next=x', 'application/x-www-form-urlencoded')
			)
		).toEqual({
			entries: [
				['email', 'a@b.test'],
				['next', '/library'],
				['next', 'x']
			]
		});
		const multipart = new FormData();
		multipart.set('code', '123456');
		expect(
			await read(new Request('http://shop.test/', { method: 'POST', body: multipart }))
		).toEqual({
			entries: [['code', '123456']]
		});
	});

	it('answers 415 for a body that is not a form', async () => {
		for (const type of [
			'text/plain',
			'application/json',
			'application/x-sveltekit-formdata',
			undefined
		]) {
			expect(await read(post('email=a', type)), String(type)).toMatchObject({ status: 415 });
		}
	});

	it('answers 400 with a message for a truncated or malformed multipart body', async () => {
		for (const [body, type] of [
			[
				'--xx\r\nContent-Disposition: form-data; name="email"\r\n\r\nabc',
				'multipart/form-data; boundary=xx'
			],
			['junk', 'multipart/form-data'],
			['--xx\r\nno headers\r\n--xx--', 'multipart/form-data; boundary=xx']
		]) {
			expect(await read(post(body, type))).toEqual({
				status: 400,
				message: 'This form arrived incomplete or malformed. Reload the page and try again.'
			});
		}
	});

	it('answers 413 when the body is over the size limit (a stream error with status 413)', async () => {
		const body = new ReadableStream({
			start: (controller) =>
				controller.error(Object.assign(new Error('too large'), { status: 413 }))
		});
		const request = new Request('http://shop.test/', {
			method: 'POST',
			body,
			duplex: 'half',
			headers: { 'content-type': 'application/x-www-form-urlencoded' }
		} as RequestInit);
		expect(await read(request)).toMatchObject({ status: 413 });
	});
});
