import { fileURLToPath } from 'node:url';
import { processFiles, spawnNodeService, stopProcess } from '../process/background.ts';
import { httpOk } from '../process/probes.ts';
import type { Service } from './service.ts';

const entry = fileURLToPath(new URL('../mail/main.ts', import.meta.url));
const webUrl = (port: number) => `http://127.0.0.1:${port}`;

/** The mail catcher (`src/mail`): maildev's web UI and HTTP API (`/api/email`), and its SMTP port. */
export const mailService: Service = {
	name: 'mail',
	ports: (ctx) => [ctx.config.ports.mailWeb, ctx.config.ports.mailSmtp],
	start: async (ctx) => void spawnNodeService(ctx, 'mail', entry),
	health: (ctx) => httpOk(`${webUrl(ctx.config.ports.mailWeb)}/api/healthz`),
	stop: (ctx) => stopProcess(processFiles(ctx, 'mail').pidFile),
	endpoints: (ctx) => [
		{ label: 'Mail UI', value: webUrl(ctx.config.ports.mailWeb) },
		{ label: 'SMTP', value: `127.0.0.1:${ctx.config.ports.mailSmtp}` }
	],
	appEnv: (ctx) => ({ MAIL_API_URL: `${webUrl(ctx.config.ports.mailWeb)}/api` }),
	// The store's send-email function (Supabase Auth's Send Email Hook) sends through the catcher.
	functionsEnv: (ctx) => ({
		SMTP_HOST: '127.0.0.1',
		SMTP_PORT: String(ctx.config.ports.mailSmtp),
		SMTP_ADMIN_EMAIL: ctx.config.mail.adminEmail,
		SMTP_SENDER_NAME: ctx.config.mail.senderName
	})
};
