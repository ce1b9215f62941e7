import type { Service } from '../lib/service.ts';
import { httpOk, processFiles, spawnDetached, stopProcess } from '../lib/processes.ts';
import { ensureStripeMock, STRIPE_MOCK_PORT } from '../stripe/stripe-mock.ts';

const url = `http://127.0.0.1:${STRIPE_MOCK_PORT}`;

/**
 * stripe-mock on 12113 (its default 12111 is the emulator's), HTTP only. The emulator's contract
 * tests use it to check requests and response shapes against Stripe's OpenAPI spec. Optional:
 * without Go, `npm run stack` says so and starts the rest.
 */
export const stripeMockService: Service = {
	name: 'stripe-mock',
	ports: () => [STRIPE_MOCK_PORT],
	startTimeout: 30,
	// Only the tests need it; a machine without Go still runs the store.
	optional: true,
	start: async (ctx) => {
		const binary = ensureStripeMock(ctx.log);
		spawnDetached(ctx, 'stripe-mock', binary, ['-http-addr', `127.0.0.1:${STRIPE_MOCK_PORT}`]);
	},
	// Any authenticated list answers 200 once it has loaded the spec.
	health: () =>
		httpOk(`${url}/v1/charges`, { headers: { authorization: 'Bearer sk_test_health' } }),
	stop: (ctx) => stopProcess(processFiles(ctx, 'stripe-mock').pidFile),
	endpoints: () => [{ label: 'stripe-mock (spec check)', value: url }]
};
