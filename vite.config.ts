import { sveltekit } from '@sveltejs/kit/vite';
import { SvelteKitPWA } from '@vite-pwa/sveltekit';
import { stackSuiteOptions } from '@storefront/local-stack/vitest';
import { defineConfig, type Plugin } from 'vitest/config';
import { PAGE_SCRIPT, PAGE_SCRIPT_SOURCE } from './src/lib/browser/entry.ts';

/**
 * The one script of the pages that do not hydrate (src/lib/browser/page.ts), built into the
 * client build as an entry of its own at a fixed path, which the server-rendered layout names
 * before the client build has run (its lazy parts get hashed names under _app/immutable).
 */
function pageScript(): Plugin {
	return {
		name: 'storefront-page-script',
		apply: 'build',
		buildStart() {
			if (this.environment.config.consumer !== 'client') return;
			this.emitFile({ type: 'chunk', id: PAGE_SCRIPT_SOURCE, fileName: PAGE_SCRIPT.slice(1) });
		}
	};
}

export default defineConfig({
	plugins: [
		sveltekit(),
		pageScript(),
		// The service worker is ours (src/service-worker.ts, built by SvelteKit); the plugin injects
		// Workbox's precache list into it. The manifest is served by the app
		// (src/routes/manifest.webmanifest) so the store's name comes from its runtime settings, and
		// the page script (src/lib/browser/page.ts) registers the worker itself.
		SvelteKitPWA({
			strategies: 'injectManifest',
			srcDir: 'src',
			filename: 'service-worker.ts',
			manifest: false,
			injectRegister: false,
			injectManifest: {
				globPatterns: ['client/**/*.{js,css,svg,png,woff2,webmanifest}', 'client/offline.html']
			}
		})
	],
	server: { host: '127.0.0.1', port: 5173, strictPort: true },
	preview: { host: '127.0.0.1', port: 4173, strictPort: true },
	test: {
		expect: { requireAssertions: true },
		projects: [
			{
				extends: true,
				test: {
					name: 'unit',
					include: ['src/**/*.test.ts', 'tests/unit/**/*.test.ts'],
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
			},
			// The local stack's suites, `stack (unit)` and `stack (integration)`, declared by its package.
			'packages/local-stack/vitest.config.ts'
		]
	}
});
