import { fileURLToPath } from 'node:url';
import type { Service } from '../lib/service.ts';
import { httpOk, processFiles, spawnNodeService, stopProcess } from '../lib/processes.ts';

/** maildev's command-line entry, beside its main module (its package exports nothing else). */
const maildevBin = () => fileURLToPath(new URL('./bin/maildev.js', import.meta.resolve('maildev')));

/** The mail catcher: maildev's web UI and HTTP API (`/api/email`) on 54324, SMTP on 54325. */
export const mailService: Service = {
	name: 'mail',
	ports: (ctx) => [ctx.config.mail.webPort, ctx.config.mail.smtpPort],
	async start(ctx) {
		const { webPort, smtpPort } = ctx.config.mail;
		spawnNodeService(ctx, 'mail', maildevBin(), [
			'--smtp',
			String(smtpPort),
			'--ip',
			'127.0.0.1',
			'--web',
			String(webPort),
			'--web-ip',
			'127.0.0.1',
			'--hide-extensions',
			'STARTTLS'
		]);
	},
	health: (ctx) => httpOk(`http://127.0.0.1:${ctx.config.mail.webPort}/api/healthz`),
	stop: (ctx) => stopProcess(processFiles(ctx, 'mail').pidFile),
	endpoints: (ctx) => [
		{ label: 'Mail UI', value: `http://127.0.0.1:${ctx.config.mail.webPort}` },
		{ label: 'SMTP', value: `127.0.0.1:${ctx.config.mail.smtpPort}` }
	],
	appEnv: (ctx) => ({ MAIL_API_URL: `http://127.0.0.1:${ctx.config.mail.webPort}/api` }),
	// The store's send-email function (Supabase Auth's Send Email Hook) sends through the catcher.
	functionsEnv: (ctx) => ({
		SMTP_HOST: '127.0.0.1',
		SMTP_PORT: String(ctx.config.mail.smtpPort),
		SMTP_ADMIN_EMAIL: ctx.config.mail.adminEmail,
		SMTP_SENDER_NAME: ctx.config.mail.senderName
	})
};
