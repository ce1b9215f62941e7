import { fileURLToPath } from 'node:url';
import { apiUrl } from '../config/context.ts';
import { processFiles, spawnNodeService, stopProcess } from '../process/background.ts';
import { httpOk } from '../process/probes.ts';
import type { Service } from './service.ts';

const entry = fileURLToPath(new URL('../gateway/main.ts', import.meta.url));

/** The API gateway (Kong's place) on `[api] port`; it also runs the Deno function workers. */
export const gatewayService: Service = {
	name: 'gateway',
	ports: (ctx) => [ctx.config.ports.api],
	start: async (ctx) => void spawnNodeService(ctx, 'gateway', entry),
	health: (ctx) => httpOk(`${apiUrl(ctx.config.ports)}/__stack/health`),
	stop: (ctx) => stopProcess(processFiles(ctx, 'gateway').pidFile),
	endpoints: (ctx) => [
		{ label: 'Functions URL', value: `${apiUrl(ctx.config.ports)}/functions/v1` }
	]
};
