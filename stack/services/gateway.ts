import { fileURLToPath } from 'node:url';
import type { Service } from '../lib/service.ts';
import { httpOk, processFiles, spawnNodeService, stopProcess } from '../lib/processes.ts';

const entry = fileURLToPath(new URL('../gateway/main.ts', import.meta.url));

/** The API gateway (Kong's place) on 54321; it also runs the Deno function workers. */
export const gatewayService: Service = {
	name: 'gateway',
	ports: (ctx) => [ctx.config.apiPort],
	start: async (ctx) => void spawnNodeService(ctx, 'gateway', entry),
	health: (ctx) => httpOk(`http://127.0.0.1:${ctx.config.apiPort}/__stack/health`),
	stop: (ctx) => stopProcess(processFiles(ctx, 'gateway').pidFile),
	endpoints: (ctx) => [
		{ label: 'Functions URL', value: `http://127.0.0.1:${ctx.config.apiPort}/functions/v1` }
	]
};
