import { config } from '$lib/server/config';
import { robotsTxt } from '$lib/server/sitemap';
import type { RequestHandler } from './$types';

/** Served by the app (not a static file) so it names the sitemap at this store's ORIGIN. */
export const GET: RequestHandler = () =>
	new Response(robotsTxt(config().ORIGIN), {
		headers: {
			'content-type': 'text/plain; charset=utf-8',
			'cache-control': 'public, max-age=3600'
		}
	});
