import type http from 'node:http';

/** The keys the gateway swaps: an opaque API key in, the matching role's JWT out. */
export interface GatewayKeys {
	publishable: string;
	secret: string;
	anon: string;
	serviceRole: string;
}

/**
 * The `Authorization` the Supabase CLI's Kong hands a service (its request-transformer
 * expression, spelled out again in the CLI's own `ApiProxy.ts`), or undefined to leave the
 * request's as it is:
 * - a client's own token (a user's JWT, a legacy key) passes untouched, unless it is `Bearer sb_…`
 *   (supabase-js puts the API key there when there is no session);
 * - `apikey` holding the publishable key becomes `Bearer <anon JWT>`, the secret key
 *   `Bearer <service_role JWT>`;
 * - any other `apikey` (a legacy JWT, or an `sb_…` key this project never issued) is passed on
 *   as it is, without `Bearer `: Auth then answers 401 `no_authorization` where a token is
 *   needed and the functions runtime 401, so an unknown key is refused downstream, as on the CLI.
 */
export function authorizationFor(
	headers: http.IncomingHttpHeaders,
	keys: GatewayKeys
): string | undefined {
	const authorization = headers.authorization;
	if (authorization !== undefined && !authorization.startsWith('Bearer sb_')) return undefined;
	const apikey = typeof headers.apikey === 'string' ? headers.apikey : undefined;
	if (apikey === keys.publishable) return `Bearer ${keys.anon}`;
	if (apikey === keys.secret) return `Bearer ${keys.serviceRole}`;
	return apikey || undefined;
}

/** Routes Kong serves without the transformer: the links in emails and OAuth redirects carry no key. */
const openAuthRoutes = ['/auth/v1/verify', '/auth/v1/callback', '/auth/v1/authorize'];

export const isOpenAuthRoute = (pathname: string) =>
	openAuthRoutes.some((route) => pathname.startsWith(route));
