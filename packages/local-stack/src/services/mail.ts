import { fileURLToPath } from 'node:url';
import { processFiles, spawnNodeService, stopProcess } from '../process/background.ts';
import { httpOk } from '../process/probes.ts';
import type { Service } from './service.ts';

/** maildev's command-line entry, beside its main module (its package exports nothing else). */
const maildevBin = () => fileURLToPath(new URL('./bin/maildev.js', import.meta.resolve('maildev')));

/** The mail catcher: maildev's web UI and HTTP API (`/api/email`) on `[inbucket] port`, SMTP on `smtp_port`. */
export const mailService: Service = {
	name: 'mail',
	ports: (ctx) => [ctx.config.ports.mailWeb, ctx.config.ports.mailSmtp],
	async start(ctx) {
		const { mailWeb: webPort, mailSmtp: smtpPort } = ctx.config.ports;
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
	health: (ctx) => httpOk(`http://127.0.0.1:${ctx.config.ports.mailWeb}/api/healthz`),
	stop: (ctx) => stopProcess(processFiles(ctx, 'mail').pidFile),
	endpoints: (ctx) => [
		{ label: 'Mail UI', value: `http://127.0.0.1:${ctx.config.ports.mailWeb}` },
		{ label: 'SMTP', value: `127.0.0.1:${ctx.config.ports.mailSmtp}` }
	],
	appEnv: (ctx) => ({ MAIL_API_URL: `http://127.0.0.1:${ctx.config.ports.mailWeb}/api` })
};
