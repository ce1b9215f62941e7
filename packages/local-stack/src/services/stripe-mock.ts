import type { StackContext } from '../config/context.ts';
import { processFiles, spawnDetached, stopProcess } from '../process/background.ts';
import { httpOk } from '../process/probes.ts';
import { ensureStripeMock } from '../stripe/stripe-mock.ts';
import type { Service } from './service.ts';

const url = (ctx: StackContext) => `http://127.0.0.1:${ctx.config.ports.stripeMock}`;

/**
 * stripe-mock beside the emulator, HTTP only. The emulator's contract tests use it to check
 * requests and response shapes against Stripe's OpenAPI spec. Optional: without Go,
 * `npm run stack` says so and starts the rest.
 */
export const stripeMockService: Service = {
	name: 'stripe-mock',
	ports: (ctx) => [ctx.config.ports.stripeMock],
	startTimeout: 30,
	// Only the tests need it; a machine without Go still runs the store.
	optional: true,
	start: async (ctx) => {
		const binary = ensureStripeMock(ctx.log);
		spawnDetached(ctx, 'stripe-mock', binary, [
			'-http-addr',
			`127.0.0.1:${ctx.config.ports.stripeMock}`
		]);
	},
	// Any authenticated list answers 200 once it has loaded the spec.
	health: (ctx) =>
		httpOk(`${url(ctx)}/v1/charges`, { headers: { authorization: 'Bearer sk_test_health' } }),
	stop: (ctx) => stopProcess(processFiles(ctx, 'stripe-mock').pidFile),
	endpoints: (ctx) => [{ label: 'stripe-mock (spec check)', value: url(ctx) }]
};
