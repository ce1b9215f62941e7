import type { IncomingMessage } from 'node:http';
import path from 'node:path';
import { MailDev } from 'maildev';
import { readPorts } from '../config/ports.ts';

/**
 * The mail catcher as a process of the local stack: maildev, its web UI and HTTP API on
 * `[local_smtp] port`, SMTP on `[local_smtp] smtp_port`, both on 127.0.0.1 only.
 */
const workdir = process.env.STACK_WORKDIR ?? process.cwd();
const ports = readPorts(path.join(workdir, 'supabase'));
const maildev = new MailDev({
	smtp: ports.mailSmtp,
	ip: '127.0.0.1',
	web: ports.mailWeb,
	webIp: '127.0.0.1',
	// GoTrue and nodemailer would upgrade to TLS, which the catcher has no certificate for.
	hideExtensions: ['STARTTLS']
});
const servers = await maildev.start();

/**
 * maildev 3 answers its page at `/` only to requests that accept text/html (the UI's fallback
 * route), so `curl` or `fetch` of the address we print got 404. Mailpit, which `supabase start`
 * runs on this port, serves its UI at `/` to any client: this listener, which runs before
 * maildev's, marks a GET of `/` as a page request so the UI answers it the same way.
 */
servers.api?.server.server.prependListener('request', (request: IncomingMessage) => {
	const pathname = request.url?.split('?')[0];
	if (request.method === 'GET' && pathname === '/') request.headers.accept = 'text/html';
});

for (const signal of ['SIGINT', 'SIGTERM'] as const)
	process.once(signal, () => void maildev.stop().finally(() => process.exit(0)));
