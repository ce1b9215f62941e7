import { defineConfig } from 'vitest/config';
import { stackSuiteOptions } from './src/testing/vitest.ts';

/**
 * The package's own suites: `unit` and `integration` here, `stack (unit)` and
 * `stack (integration)` from the project root, whose config lists this file so `npm test` runs them.
 */
export default defineConfig({
	test: {
		name: 'stack',
		expect: { requireAssertions: true },
		projects: [
			{
				extends: true,
				test: {
					name: 'unit',
					include: ['tests/unit/**/*.test.ts'],
					environment: 'node'
				}
			},
			{
				extends: true,
				test: {
					name: 'integration',
					include: ['tests/integration/**/*.test.ts'],
					globalSetup: ['tests/integration/global-setup.ts'],
					...stackSuiteOptions
				}
			}
		]
	}
});
