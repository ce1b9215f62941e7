import { json } from '@sveltejs/kit';
import { storeName } from '$lib/store';
import type { RequestHandler } from './$types';

/**
 * The web app manifest, served by the app rather than built, so the installed app carries the
 * store's name from its runtime settings (PUBLIC_STORE_NAME). Colours match src/app.css.
 */
export const GET = (() => {
	const name = storeName();
	return json(
		{
			name,
			short_name: name.length <= 12 ? name : name.slice(0, 12).trimEnd(),
			description: `${name}: what you buy, readable offline.`,
			id: '/',
			start_url: '/',
			scope: '/',
			display: 'standalone',
			theme_color: '#1f2a44',
			background_color: '#f6f3ee',
			icons: [
				{ src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
				{ src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
				{
					src: '/icons/icon-maskable-512.png',
					sizes: '512x512',
					type: 'image/png',
					purpose: 'maskable'
				}
			]
		},
		{ headers: { 'content-type': 'application/manifest+json', 'cache-control': 'no-cache' } }
	);
}) satisfies RequestHandler;
