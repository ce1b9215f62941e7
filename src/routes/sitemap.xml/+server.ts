import { config } from '$lib/server/config';
import { publishedPages, sitemapXml } from '$lib/server/sitemap';
import type { RequestHandler } from './$types';

/** The catalogue's pages for search engines, from the database: published products only. */
export const GET: RequestHandler = async () =>
	new Response(sitemapXml(config().ORIGIN, await publishedPages()), {
		headers: {
			'content-type': 'application/xml; charset=utf-8',
			'cache-control': 'public, max-age=3600'
		}
	});
