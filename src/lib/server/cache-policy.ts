/**
 * Which caches may keep an answer. Shared caches (a CDN, a proxy) must never keep a page made for
 * one person; the storefront and the product pages as anyone sees them logged out may be kept a
 * minute, so a traffic spike on a product reaches the server once a minute, not once a visitor.
 * Pure: hooks.server.ts gathers the facts.
 */
export const PRIVATE = 'private, no-store';
export const SHARED = 'public, max-age=0, s-maxage=60, stale-while-revalidate=300';

/** Routes whose logged-out page is the same for everyone. */
export const SHARED_ROUTES: ReadonlySet<string> = new Set(['/', '/products/[slug]']);

export interface AnswerFacts {
	method: string;
	routeId: string | null;
	/** A client-side navigation's `__data.json`. */
	dataRequest: boolean;
	status: number;
	/** The request carries a Supabase session cookie (`sb-…-auth-token`, maybe chunked). */
	sessionCookie: boolean;
	/** `locals.user()` found a user while answering: the answer may show who it is. */
	userShown: boolean;
	/** The answer sets a cookie: it is this browser's alone, whatever else it holds. */
	setsCookie: boolean;
	/** The Cache-Control the route chose itself, if any (the manifest's `no-cache`). */
	routeChoice: string | null;
}

export interface CacheHeaders {
	'cache-control': string;
	/** Set when the answer would differ with another cookie, so a shared cache keys on it. */
	vary?: 'Cookie';
}

export function cacheHeaders(facts: AnswerFacts): CacheHeaders {
	// __data.json is fetched by a browser that already holds the page: sharing it gains little,
	// and SvelteKit itself marks it private.
	if (facts.setsCookie || facts.sessionCookie || facts.userShown || facts.dataRequest) {
		return { 'cache-control': PRIVATE, vary: 'Cookie' };
	}
	if (facts.routeChoice) return { 'cache-control': facts.routeChoice };
	const read = facts.method === 'GET' || facts.method === 'HEAD';
	if (read && facts.status === 200 && SHARED_ROUTES.has(facts.routeId ?? '')) {
		return { 'cache-control': SHARED, vary: 'Cookie' };
	}
	// Everything else: pages that read cookies of their own (login, code, return), redirects,
	// errors, and anything new until someone decides it may be shared.
	return { 'cache-control': PRIVATE, vary: 'Cookie' };
}

/**
 * Supabase's auth cookies: `sb-<project ref>-auth-token` (split into `.0`, `.1`… when long) and
 * the PKCE `-code-verifier` beside it, the `sb-*-auth-token*` of @supabase/ssr.
 */
export const isSessionCookie = (name: string) => /^sb-.+-auth-token/.test(name);
