import nodemailer from 'nodemailer';
import { describe, expect, it } from 'vitest';
import { stackSettings } from '../../../src/settings.ts';
import { uniqueEmail, waitForEmail } from '../../../src/testing/mail.ts';

const { mailUrl, smtpPort } = await stackSettings();

describe('the mail catcher', () => {
	it('keeps an email sent to its SMTP port and serves it through its API', async () => {
		const to = uniqueEmail('mail');
		const transport = nodemailer.createTransport({ host: '127.0.0.1', port: smtpPort });
		await transport.sendMail({
			from: 'Store <store@example.test>',
			to,
			subject: 'Hello from the stack',
			text: 'It works.',
			html: '<p>It <strong>works</strong>.</p>'
		});
		const email = await waitForEmail(to);
		expect(email).toMatchObject({
			subject: 'Hello from the stack',
			from: [{ address: 'store@example.test', name: 'Store' }],
			to: [{ address: to }]
		});
		expect(email.html).toContain('<strong>works</strong>');
		expect(email.text.trim()).toBe('It works.');
		expect(Date.parse(email.date)).not.toBeNaN();
	});

	it('shows its web UI at the address the stack prints, to any client', async () => {
		for (const accept of ['*/*', 'text/html']) {
			const response = await fetch(`${mailUrl}/`, { headers: { accept } });
			expect(response.status).toBe(200);
			expect(response.headers.get('content-type')).toMatch(/^text\/html/);
			expect(await response.text()).toMatch(/<title>MailDev<\/title>/i);
		}
	});
});
