import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { mailCatcher } from '../../../src/testing/mail.ts';

/**
 * The Mailpit side of the mail reader, against a fake Mailpit that answers with the shapes of
 * Mailpit's API documentation (docs/apiv1/Messages.md and Message.md in axllent/mailpit): a list
 * of summaries, newest first, `From` a single address or null, `To` a list or null, and the
 * message route holding `Text`, `HTML` and `Date`. maildev's side is read from the real catcher
 * in the integration suite.
 */
const summary = (id: string, to: string) => ({
	ID: id,
	MessageID: `${id}@mailpit`,
	Read: false,
	From: { Name: 'Storefront', Address: 'store@example.test' },
	To: [{ Name: '', Address: to }],
	Cc: [],
	Bcc: null,
	ReplyTo: [],
	Subject: `Subject ${id}`,
	Created: '2026-11-30T10:00:00.000000000Z',
	Tags: [],
	Size: 6144,
	Attachments: 0,
	Snippet: 'snippet'
});

const message = (id: string, to: string) => ({
	ID: id,
	MessageID: `${id}@mailpit`,
	Read: true,
	From: id === 'no-sender' ? null : { Name: 'Storefront', Address: 'store@example.test' },
	To: [{ Name: 'Buyer', Address: to }],
	Cc: null,
	Bcc: null,
	ReplyTo: [],
	ReturnPath: 'store@example.test',
	Subject: `Subject ${id}`,
	Date: '2026-11-30T10:00:00Z',
	Tags: [],
	Text: `text of ${id}`,
	HTML: `<p>html of ${id}</p>`,
	Size: 6144,
	Inline: [],
	Attachments: []
});

/** Newest first, as Mailpit lists them; more than one page of the reader's size. */
let mailbox: { id: string; to: string }[] = [];
const requests: string[] = [];
let server: Server;
let base: string;

beforeAll(async () => {
	server = createServer((req, res) => {
		const url = new URL(req.url ?? '/', 'http://mailpit');
		requests.push(`${req.method} ${url.pathname}`);
		const send = (body: unknown) =>
			res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
		if (url.pathname === '/api/v1/messages' && req.method === 'GET') {
			const start = Number(url.searchParams.get('start') ?? 0);
			const limit = Number(url.searchParams.get('limit') ?? 50);
			const page = mailbox.slice(start, start + limit).map((m) => summary(m.id, m.to));
			return send({
				total: mailbox.length,
				unread: mailbox.length,
				count: page.length,
				messages_count: mailbox.length,
				start,
				tags: [],
				messages: page
			});
		}
		if (url.pathname === '/api/v1/messages' && req.method === 'DELETE') {
			mailbox = [];
			return void res.writeHead(200).end('ok');
		}
		const id = /^\/api\/v1\/message\/([^/]+)$/.exec(url.pathname)?.[1];
		const found = mailbox.find((m) => m.id === id);
		if (found) return send(message(found.id, found.to));
		res.writeHead(404).end('not found');
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
beforeEach(() => {
	requests.length = 0;
});

describe('reading mail from Mailpit', () => {
	it('lists the emails to an address, oldest first, whole, across pages', async () => {
		const others = Array.from({ length: 450 }, (_, i) => ({
			id: `other-${i}`,
			to: 'someone@example.test'
		}));
		mailbox = [
			{ id: 'newest', to: 'Buyer@Example.test' },
			...others,
			{ id: 'no-sender', to: 'buyer@example.test' },
			{ id: 'oldest', to: 'buyer@example.test' }
		];
		const emails = await mailCatcher(base).emailsTo('buyer@example.test');
		expect(emails.map((e) => e.id)).toEqual(['oldest', 'no-sender', 'newest']);
		expect(emails[0]).toEqual({
			id: 'oldest',
			subject: 'Subject oldest',
			html: '<p>html of oldest</p>',
			text: 'text of oldest',
			from: [{ address: 'store@example.test', name: 'Storefront' }],
			to: [{ address: 'buyer@example.test', name: 'Buyer' }],
			date: '2026-11-30T10:00:00Z'
		});
		expect(emails[1].from).toEqual([]);
		// Three pages of summaries, and bodies only for the matching messages.
		expect(requests.filter((r) => r === 'GET /api/v1/messages').length).toBe(1 + 3);
		expect(requests.filter((r) => r.startsWith('GET /api/v1/message/')).length).toBe(3);
	});

	it('waits for an email that arrives later', async () => {
		mailbox = [];
		const catcher = mailCatcher(base);
		setTimeout(() => mailbox.unshift({ id: 'late', to: 'late@example.test' }), 300);
		expect((await catcher.waitForEmail('late@example.test', 5000)).html).toBe(
			'<p>html of late</p>'
		);
	});

	it('empties the mailbox with DELETE /api/v1/messages', async () => {
		mailbox = [{ id: 'a', to: 'buyer@example.test' }];
		const catcher = mailCatcher(base);
		await catcher.clear();
		expect(requests).toContain('DELETE /api/v1/messages');
		expect(await catcher.emailsTo('buyer@example.test')).toEqual([]);
	});
});
