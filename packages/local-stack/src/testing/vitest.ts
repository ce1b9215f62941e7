/**
 * Vitest options for a suite that runs against the running stack, the store's as well as this
 * package's: one stack is shared (one mail catcher, one auth server), so files run one at a time,
 * with time for a cold start in the hooks.
 */
export const stackSuiteOptions = {
	testTimeout: 30_000,
	hookTimeout: 60_000,
	fileParallelism: false
};
