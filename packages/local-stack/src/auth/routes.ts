import type { Deps } from './deps.ts';
import type { Ctx } from './http.ts';
import {
	createAdminUser,
	deleteAdminUser,
	getAdminUser,
	listAdminUsers,
	requireAdminRequest,
	updateAdminUser
} from './routes/admin.ts';
import { generateLink } from './routes/generate-link.ts';
import { getHealth, getJwks, getSettings } from './routes/meta.ts';
import { postOtp } from './routes/otp.ts';
import { postToken } from './routes/token.ts';
import { getUser, postLogout, putUser } from './routes/user.ts';
import { getVerify, postVerify } from './routes/verify.ts';

type Handler = (deps: Deps, ctx: Ctx) => unknown;
interface Route {
	method: string;
	pattern: RegExp;
	handler: Handler;
	admin?: boolean;
}

const route = (method: string, path: string, handler: Handler, admin = false): Route => ({
	method,
	pattern: new RegExp(`^${path.replace(/\{(\w+)\}/g, '(?<$1>[^/]+)')}/?$`),
	handler,
	admin
});

/** The GoTrue endpoints the store uses (GoTrue serves them at the root; the gateway adds /auth/v1). */
export const routes: Route[] = [
	route('GET', '/health', getHealth),
	route('GET', '/settings', getSettings),
	route('GET', '/.well-known/jwks.json', getJwks),
	route('POST', '/otp', postOtp),
	route('GET', '/verify', getVerify),
	route('POST', '/verify', postVerify),
	route('POST', '/token', postToken),
	route('GET', '/user', getUser),
	route('PUT', '/user', putUser),
	route('POST', '/logout', postLogout),
	route('POST', '/admin/users', createAdminUser, true),
	route('GET', '/admin/users', listAdminUsers, true),
	route('GET', '/admin/users/{id}', getAdminUser, true),
	route('PUT', '/admin/users/{id}', updateAdminUser, true),
	route('DELETE', '/admin/users/{id}', deleteAdminUser, true),
	route('POST', '/admin/generate_link', generateLink, true)
];

/** Runs the matching route; false when no route matches the path and method. */
export async function dispatch(deps: Deps, ctx: Ctx): Promise<boolean> {
	for (const r of routes) {
		const match = r.pattern.exec(ctx.url.pathname);
		if (!match || r.method !== ctx.method) continue;
		ctx.params = { ...match.groups };
		if (r.admin) await requireAdminRequest(deps, ctx);
		await r.handler(deps, ctx);
		return true;
	}
	return false;
}
