import type http from 'node:http';
import type { StackConfig } from '../config/supabase-config.ts';
import type { FunctionWorkers } from './functions.ts';
import { checkFunctionJwt, type FunctionJwtKeys } from './jwt.ts';
import { forward, sendJson } from './proxy.ts';

export interface FunctionsRoute {
	workers: FunctionWorkers;
	config: StackConfig;
	jwtKeys: FunctionJwtKeys;
}

/**
 * `/functions/v1/<name>`: the `verify_jwt` check (on by default, per function in config.toml),
 * then the function's own worker; a worker that fails to boot answers 503, one that crashes 502,
 * one that hangs 504, as the edge runtime does. `authorization` is the header after the gateway's
 * API key swap.
 */
export async function serveFunction(
	route: FunctionsRoute,
	req: http.IncomingMessage,
	res: http.ServerResponse,
	url: URL,
	authorization: string | undefined,
	cors: Record<string, string>
) {
	const [, , , name = '', ...rest] = url.pathname.split('/');
	if (!route.workers.names().includes(name)) {
		return sendJson(
			res,
			404,
			{ code: 'NOT_FOUND', message: 'Requested function was not found' },
			cors
		);
	}
	if (req.method !== 'OPTIONS' && (route.config.functions[name]?.verifyJwt ?? true)) {
		const failure = await checkFunctionJwt(authorization, route.jwtKeys);
		if (failure) return sendJson(res, 401, failure, cors);
	}
	const worker = await route.workers.get(name);
	if (worker.status === 'failed') {
		console.error(`[${name}] failed to boot:\n${worker.error}`);
		return sendJson(
			res,
			503,
			{ code: 'BOOT_ERROR', message: 'Function failed to start (please check logs)' },
			cors
		);
	}
	forward(
		req,
		res,
		{
			port: worker.port,
			path: `/${[name, ...rest].join('/')}${url.search}`,
			headers: authorization === undefined ? {} : { authorization }
		},
		(error) =>
			(error as NodeJS.ErrnoException).code === 'ETIMEDOUT'
				? sendJson(res, 504, { code: 'WORKER_TIMEOUT', message: 'Function timed out' }, cors)
				: sendJson(
						res,
						502,
						{
							code: 'WORKER_ERROR',
							message: 'Function exited due to an error (please check logs)'
						},
						cors
					)
	);
}
