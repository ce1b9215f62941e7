import { anonymous, asUser } from './db';

/** Published products as anyone sees them (RLS), for the sitemap: where and when last changed. */
export async function publishedPages() {
	return asUser(
		anonymous,
		(sql) => sql<{ slug: string; updatedAt: Date }[]>`
			select slug, updated_at as "updatedAt" from public.products
			where published order by position, created_at`
	);
}

const escapeXml = (text: string) =>
	text.replace(
		/[&<>"']/g,
		(c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!
	);

/** The sitemaps.org XML for the storefront and its published products. */
export function sitemapXml(origin: string, products: { slug: string; updatedAt: Date }[]) {
	const url = (path: string, lastmod?: Date) =>
		`  <url><loc>${escapeXml(new URL(path, origin).href)}</loc>${
			lastmod ? `<lastmod>${lastmod.toISOString().slice(0, 10)}</lastmod>` : ''
		}</url>`;
	return [
		'<?xml version="1.0" encoding="UTF-8"?>',
		'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
		url('/'),
		...products.map((p) => url(`/products/${p.slug}`, p.updatedAt)),
		'</urlset>',
		''
	].join('\n');
}

/**
 * robots.txt: the shop is for everyone; the studio and the sign-in pages are not. A buyer's own
 * pages (the library, orders, the read pages) are not listed: a crawler has no session, so they
 * send it to the login or the product page, and a Disallow would keep nothing private (the
 * session does) while marking those pages, for the buyer looking at them, as blocked from
 * indexing (Lighthouse's SEO audit).
 */
export function robotsTxt(origin: string) {
	const closed = ['/admin', '/auth/', '/login', '/logout'];
	return [
		'User-agent: *',
		...closed.map((path) => `Disallow: ${path}`),
		'',
		`Sitemap: ${new URL('/sitemap.xml', origin).href}`,
		''
	].join('\n');
}
