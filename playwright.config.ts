import { defineConfig } from '@playwright/test';
import { chromiumLaunchOptions } from '@storefront/local-stack';
import { e2eAppEnv, e2eBaseUrl } from './tests/support/app.ts';

/**
 * End-to-end tests: Chromium (Debian's, or the one npm's @sparticuz/chromium ships when the system
 * has none) against the store's production build and the local stack.
 */
export default defineConfig({
	testDir: 'tests/e2e',
	testMatch: '**/*.e2e.ts',
	outputDir: 'test-results',
	fullyParallel: false,
	workers: 1,
	retries: 0,
	timeout: 60_000,
	expect: { timeout: 15_000 },
	reporter: process.env.CI
		? [['list'], ['json', { outputFile: 'tests/.results/e2e.json' }]]
		: 'list',
	use: {
		baseURL: e2eBaseUrl,
		launchOptions: await chromiumLaunchOptions(),
		trace: 'retain-on-failure'
	},
	globalSetup: './tests/e2e/global-setup.ts',
	webServer: {
		command: 'node --env-file-if-exists=.env server/index.ts',
		url: `${e2eBaseUrl}/`,
		reuseExistingServer: false,
		timeout: 30_000,
		env: e2eAppEnv
	}
});
