import type http from 'node:http';
import type { Deps } from './deps.ts';
import { errors } from './errors.ts';
import { readJson, sendRouteNotFound, type Ctx } from './http.ts';
import { anonymousCaller, callerOf } from './jwt.ts';
import { routes, type Route } from './routes.ts';
import { authHeaders, validate } from './validation.ts';

/**
 * Dispatches a request as storage-api's Fastify does: the route by method and path (static paths
 * before `/:bucketName/*`), then the JSON body parsed and the parts validated (params, body,
 * querystring, headers, in Fastify's order), then the JWT checked, then the handler.
 */
interface Compiled extends Route {
	regex: RegExp;
}

function compile(route: Route): Compiled {
	const source = route.path
		.split('/')
		.map((part) => {
			if (part === ':bucketName') return '([^/]+)';
			if (part === '*') return '(.*)';
			return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
		})
		.join('/');
	return { ...route, regex: new RegExp(`^${source}${route.path.endsWith('*') ? '' : '/?'}$`) };
}

const table = routes.map(compile);

function match(method: string, pathname: string) {
	for (const route of table) {
		const methods = route.method === 'GET' && route.head ? ['GET', 'HEAD'] : [route.method];
		if (!methods.includes(method)) continue;
		const found = route.regex.exec(pathname);
		if (found) return { route, values: found.slice(1) };
	}
	return undefined;
}

function decode(value: string | undefined) {
	if (value === undefined) return undefined;
	try {
		return decodeURIComponent(value);
	} catch {
		throw errors.invalidRequest(`'${value}' is not a valid url component`);
	}
}

async function callerFor(route: Route, authorization: string | undefined, deps: Deps) {
	if (route.auth === 'public') return anonymousCaller;
	if (route.auth === 'optional') {
		if (!authorization) return anonymousCaller;
		return callerOf(authorization, deps.settings.jwt).catch(() => anonymousCaller);
	}
	const caller = await callerOf(authorization ?? '', deps.settings.jwt);
	if (route.roles && !route.roles.includes(caller.role)) {
		throw errors.accessDenied('Access denied: Invalid role', 403);
	}
	return caller;
}

export async function dispatch(deps: Deps, req: http.IncomingMessage, res: http.ServerResponse) {
	const method = req.method ?? 'GET';
	const url = new URL(req.url ?? '/', 'http://storage');
	const found = match(method, url.pathname);
	if (!found) {
		return sendRouteNotFound({ res, method, url, rawUrl: req.url ?? '/' });
	}
	const { route, values } = found;
	const names = route.path.split('/').filter((p) => p === ':bucketName' || p === '*');
	const params: Ctx['params'] = {};
	names.forEach((name, i) => {
		params[name === '*' ? 'wildcard' : 'bucketName'] = decode(values[i]);
	});
	const ctx: Ctx = {
		req,
		res,
		method,
		url,
		params,
		query: Object.fromEntries(url.searchParams),
		caller: anonymousCaller
	};
	let body: unknown;
	if (route.json) {
		body = await readJson(req, route.json === 'allowEmpty');
		if (route.body) body = validate('body', route.body, body);
	}
	if (route.query) ctx.query = validate('querystring', route.query, ctx.query);
	if (route.auth === 'jwt') validate('headers', authHeaders, { ...req.headers });
	ctx.caller = await callerFor(route, req.headers.authorization, deps);
	await route.handle(deps, ctx, body);
}
