import { text, type Cookies, type Handle, type ServerInit } from '@sveltejs/kit';
import { sequence } from '@sveltejs/kit/hooks';
import { cacheHeaders, isSessionCookie } from '$lib/server/cache-policy';
import { unwatchCatalogue, watchCatalogue } from '$lib/server/catalogue-changes';
import { closeDb } from '$lib/server/db';
import { keepPage, keptPage, sharedPage } from '$lib/server/page-cache';
import { startPurchaseEmailWorker, stopPurchaseEmailWorker } from '$lib/server/emails';
import { requestClient } from '$lib/server/supabase';
import {
	cookieAccessToken,
	projectKeys,
	sessionCookieName,
	verifiedClaims
} from '$lib/server/session';
import type { SupabaseClient } from '@supabase/supabase-js';
import { config } from '$lib/server/config';
import { checkoutOrigin, portalOrigin } from '$lib/server/stripe';
import { negotiateLocale } from '$lib/server/locale';

/**
 * Supabase Auth for the request. `locals.user()` verifies the session's JWT, once per request:
 * from the JWKS, its keys imported once, when the cookie holds an unexpired token signed with an
 * asymmetric key (src/lib/server/session.ts); otherwise with supabase-js's getClaims, which asks
 * the auth server about HS256 tokens (catching a session ended elsewhere) and refreshes an expired
 * access token. The Supabase client itself is made only when something uses it.
 */
const supabase: Handle = async ({ event, resolve }) => {
	let client: SupabaseClient | undefined;
	Object.defineProperty(event.locals, 'supabase', {
		get: () => (client ??= requestClient(cookiesForSupabase(event.cookies), event.url)),
		enumerable: true
	});
	let user: Promise<SessionUser | null> | undefined;
	event.locals.user = () => (user ??= verifiedUser(event.cookies, () => event.locals.supabase));
	return resolve(event, {
		filterSerializedResponseHeaders: (name) =>
			name === 'content-range' || name === 'x-supabase-api-version'
	});
};

async function verifiedUser(
	cookies: Cookies,
	supabase: () => SupabaseClient
): Promise<SessionUser | null> {
	const { PUBLIC_SUPABASE_URL, supabasePublishableKey } = config();
	const token = await cookieAccessToken(sessionCookieName(PUBLIC_SUPABASE_URL), (name) =>
		cookies.get(name)
	);
	const verified = token
		? await verifiedClaims(token, projectKeys(PUBLIC_SUPABASE_URL, supabasePublishableKey))
		: undefined;
	const claims: (Record<string, unknown> & { sub?: string }) | undefined =
		verified ??
		(await supabase()
			.auth.getClaims()
			.then(({ data, error }) => (error ? undefined : data?.claims)));
	if (!claims?.sub || claims.role !== 'authenticated') return null;
	return {
		id: claims.sub,
		email: String(claims.email ?? ''),
		// What the database's RLS rules read: who, which session, and how it was proven.
		claims: {
			role: 'authenticated',
			sub: claims.sub,
			email: claims.email,
			session_id: claims.session_id,
			amr: claims.amr,
			is_anonymous: claims.is_anonymous
		}
	};
}

/**
 * The request's cookies, for Supabase's client. The client loads the session in the background as
 * soon as it exists (supabase-js asks for the access token), and a cookie that is no session makes
 * it delete that cookie, at times after the answer went out: SvelteKit's `cookies.set` then
 * throws, inside supabase-js, unhandled, and the server process exited (one request with
 * `sb-<ref>-auth-token=base64-e30` took the store down). SvelteKit swaps `set` for a thrower once
 * the answer is out; a write that late is dropped, the answer it belonged to being gone.
 */
function cookiesForSupabase(cookies: Cookies): Cookies {
	const set = cookies.set;
	return {
		...cookies,
		set: (name, value, options) => {
			if (cookies.set === set) set(name, value, options);
		}
	};
}

/**
 * Cache-Control (and Vary) for every answer, decided once here rather than in each route
 * (src/lib/server/cache-policy.ts says what is shared). "Does this answer depend on the session?"
 * is read from two facts: the request carries a Supabase session cookie, which is what any cache
 * in front of the store can see as well and covers routes that read the session without the
 * layout; and `locals.user()` found a user, which is what the page actually showed. Either one
 * makes the answer private, as does a Set-Cookie on it.
 */
const cacheControl: Handle = async ({ event, resolve }) => {
	const sessionCookie = event.cookies.getAll().some(({ name }) => isSessionCookie(name));
	let userShown = false;
	const user = event.locals.user;
	event.locals.user = async () => {
		const found = await user();
		userShown ||= found !== null;
		return found;
	};
	const response = await resolve(event);
	const headers = cacheHeaders({
		method: event.request.method,
		routeId: event.route.id,
		dataRequest: event.isDataRequest,
		status: response.status,
		sessionCookie,
		userShown,
		setsCookie: response.headers.has('set-cookie'),
		routeChoice: response.headers.get('cache-control')
	});
	response.headers.set('cache-control', headers['cache-control']);
	if (headers.vary) response.headers.append('vary', headers.vary);
	return response;
};

/**
 * The visitor's locale, from Accept-Language: prices and dates are written in it (the page data
 * carries it to the browser, so hydration formats the same way) and `<html lang>` says it. Pages
 * and their data vary with the header; `Content-Language` names the negotiated locale, the value
 * a cache of rendered pages keys on (one of a bounded set, see src/lib/server/locale.ts).
 */
const locale: Handle = async ({ event, resolve }) => {
	const locale = negotiateLocale(event.request.headers.get('accept-language'));
	event.locals.locale = locale;
	const response = await resolve(event, {
		transformPageChunk: ({ html }) => html.replace('%lang%', locale)
	});
	const html = response.headers.get('content-type')?.startsWith('text/html');
	if (html || event.isDataRequest) {
		response.headers.append('vary', 'Accept-Language');
		response.headers.set('content-language', locale);
	}
	return response;
};

/**
 * Headers every response carries. The Content-Security-Policy itself comes from `kit.csp` in
 * svelte.config.js (with hashes of SvelteKit's inline scripts); here its `form-action` gains
 * the origins of Stripe Checkout and the customer portal, because browsers apply form-action to
 * a form's redirect (Buy, Join, Manage membership: plain HTML forms, pages do not hydrate), and
 * `img-src`/`connect-src` gain the Supabase origin (Storage), which is known only at runtime.
 */
const securityHeaders: Handle = async ({ event, resolve }) => {
	const response = await resolve(event);
	const csp = response.headers.get('content-security-policy');
	if (csp) {
		// Covers come from Supabase Storage's public URLs, and the studio uploads files to it.
		const storage = new URL(config().PUBLIC_SUPABASE_URL).origin;
		const stripePages = [...new Set([checkoutOrigin(), portalOrigin()])].join(' ');
		response.headers.set(
			'content-security-policy',
			csp
				.replace("form-action 'self'", `form-action 'self' ${stripePages}`)
				.replace("img-src 'self'", `img-src 'self' ${storage}`)
				.replace("connect-src 'self'", `connect-src 'self' ${storage}`)
		);
	}
	response.headers.set('X-Content-Type-Options', 'nosniff');
	response.headers.set('Referrer-Policy', 'strict-origin-when-cross-origin');
	response.headers.set('X-Frame-Options', 'DENY');
	response.headers.set(
		'Permissions-Policy',
		'camera=(), microphone=(), geolocation=(), payment=()'
	);
	return response;
};

/**
 * SvelteKit finds a form action with `actions[name]`, so `?/toString`, `?/__proto__` or
 * `?/constructor` reach Object.prototype (a 500, or for `?/toString` a "success"), and
 * `?/default` throws. No page has an action with such a name: answer 404 before routing.
 */
const formActionNames: Handle = async ({ event, resolve }) => {
	if (event.request.method === 'POST') {
		const param = [...event.url.searchParams.keys()].find((key) => key.startsWith('/'));
		const name = param?.slice(1);
		if (name !== undefined && (name === 'default' || name in Object.prototype)) {
			return text(`This page has no form action named "${name}".`, { status: 404 });
		}
	}
	return resolve(event);
};

/**
 * Pages every logged-out visitor sees alike, answered from memory until the catalogue changes
 * (src/lib/server/page-cache.ts). First in the sequence, so a kept page costs nothing more; what
 * it keeps is the answer every later handle made, headers included.
 */
const sharedPages: Handle = async ({ event, resolve }) => {
	const page = sharedPage(event);
	if (!page) return resolve(event);
	const kept = keptPage(page, event.request.headers.get('accept-encoding'));
	return kept ?? keepPage(page, await resolve(event));
};

/**
 * Once, when the server starts: the sender of purchase emails that came due, and the listener for
 * catalogue changes. On adapter-node's graceful shutdown they stop, and the database pool closes,
 * so the process can exit.
 */
export const init: ServerInit = () => {
	startPurchaseEmailWorker();
	watchCatalogue();
	process.once('sveltekit:shutdown', async () => {
		stopPurchaseEmailWorker();
		await Promise.all([unwatchCatalogue(), closeDb()]);
	});
};

export const handle = sequence(
	sharedPages,
	supabase,
	locale,
	cacheControl,
	securityHeaders,
	formActionNames
);
