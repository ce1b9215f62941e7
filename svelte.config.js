import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	compilerOptions: {
		// Svelte 5 runes everywhere, including third-party-free legacy syntax checks.
		runes: true
	},
	kit: {
		// BUILD_DIR: where the bench builds (.bench/build), so that no build ever replaces the files
		// of a store running from `build` (server/index.ts serves the same folder).
		adapter: adapter({ out: process.env.BUILD_DIR ?? 'build' }),
		// Links and form fields as absolute paths (`/products/…`): the pages do not hydrate, so the
		// relative ones SvelteKit writes when rendering on the server (`../../products/…`) would stay,
		// and a `next` field must be a path from the root (sameSitePath).
		paths: { relative: false },
		// The page script registers the worker (production builds only: it needs Workbox's precache
		// list, which @vite-pwa/sveltekit injects at build time).
		serviceWorker: { register: false },
		alias: {
			// Pure rules and fulfilment shared with the Edge Functions (Deno), kept where Supabase keeps them.
			$shared: 'supabase/functions/_shared'
		},
		csp: {
			// Hashes, not nonces: a page kept and answered again (src/lib/server/page-cache.ts), or by a
			// CDN, would repeat its nonce (docs/architecture.md, "Fast pages").
			mode: 'hash',
			directives: {
				'default-src': ['self'],
				'script-src': ['self'],
				'style-src': ['self', 'unsafe-inline'],
				'img-src': ['self', 'data:'],
				'font-src': ['self'],
				'connect-src': ['self'],
				// The service worker (/sw.js) and the manifest come from the store itself.
				'worker-src': ['self'],
				'manifest-src': ['self'],
				'form-action': ['self'],
				'frame-ancestors': ['none'],
				'base-uri': ['self'],
				'object-src': ['none']
			}
		}
	}
};

export default config;
