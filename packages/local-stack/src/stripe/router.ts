import type { Emulator, RequestInfo } from './emulator.ts';
import type { Params } from './form.ts';

export interface ApiRequest {
	params: Params;
	path: Record<string, string>;
	request: RequestInfo;
}

export type Handler = (emu: Emulator, req: ApiRequest) => unknown;

export interface Route {
	method: 'GET' | 'POST' | 'DELETE';
	/** A path with `:name` segments, e.g. `/v1/charges/:id`. */
	path: string;
	handler: Handler;
}

const compiled = new WeakMap<Route, RegExp>();

function pattern(route: Route) {
	let regex = compiled.get(route);
	if (!regex) {
		regex = new RegExp(`^${route.path.replace(/:(\w+)/g, '(?<$1>[^/]+)')}$`);
		compiled.set(route, regex);
	}
	return regex;
}

/** The route for a method and path, with its `:name` values decoded. */
export function match(routes: Route[], method: string, path: string) {
	for (const route of routes) {
		if (route.method !== method) continue;
		const found = pattern(route).exec(path);
		if (found) {
			const values = Object.fromEntries(
				Object.entries(found.groups ?? {}).map(([k, v]) => [k, decodeURIComponent(v)])
			);
			return { route, values };
		}
	}
	return undefined;
}
