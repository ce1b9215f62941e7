import { existsSync } from 'node:fs';
import path from 'node:path';
import type { StackContext } from '../config/context.ts';
import { mergeEnvFile } from '../config/env-file.ts';
import { rebuildDatabase } from '../postgres/database.ts';
import { processFiles, tail } from '../process/background.ts';
import { portOpen, sleep } from '../process/probes.ts';
import { services } from '../services/index.ts';
import type { Service } from '../services/service.ts';

type State = 'running' | 'stopped' | 'port-taken';

/** Healthy (ours), its port held by a program that does not answer as the service, or nothing. */
async function stateOf(service: Service, ctx: StackContext): Promise<State> {
	if (await service.health(ctx)) return 'running';
	for (const port of service.ports(ctx)) if (await portOpen(port)) return 'port-taken';
	return 'stopped';
}

async function waitHealthy(service: Service, ctx: StackContext): Promise<boolean> {
	const deadline = Date.now() + (service.startTimeout ?? 30) * 1000;
	while (Date.now() < deadline) {
		if (await service.health(ctx)) return true;
		await sleep(100);
	}
	return false;
}

const logOf = (ctx: StackContext, service: Service) =>
	path.relative(process.cwd(), processFiles(ctx, service.name).logFile);

/** Starts one service unless it already answers; true when this call started it. */
async function ensureRunning(service: Service, ctx: StackContext): Promise<boolean> {
	const state = await stateOf(service, ctx);
	if (state === 'running') return false;
	if (state === 'port-taken') {
		const port = service.ports(ctx)[0];
		throw new Error(
			`${service.name}: port ${service.ports(ctx).join('/')} is in use by another program. ` +
				`Stop it (\`ss -ltnp | grep ${port}\` shows which; \`supabase stop\` if it is the Supabase CLI), ` +
				'then run `npm run stack` again.'
		);
	}
	const began = Date.now();
	ctx.log(`Starting ${service.name}...`);
	await service.stop(ctx); // clears the pid file of a service that died
	await service.start(ctx);
	if (!(await waitHealthy(service, ctx))) {
		await service.stop(ctx);
		const log = processFiles(ctx, service.name).logFile;
		throw new Error(
			`${service.name} did not become healthy within ${service.startTimeout ?? 30}s. ` +
				`Its log (${logOf(ctx, service)}) ends with:\n${tail(log)}`
		);
	}
	ctx.log(`  ${service.name} is up (${((Date.now() - began) / 1000).toFixed(1)}s)`);
	return true;
}

/** Starts what is missing, reuses what runs, and fails naming the service and what to do. */
export async function up(ctx: StackContext, { quiet = false } = {}) {
	// Written first: the gateway hands supabase/functions/.env to the functions when it starts.
	const added = mergeEnvFile(ctx.paths.envFile, appEnv(ctx));
	mergeEnvFile(path.join(ctx.paths.supabase, 'functions/.env'), functionsEnv(ctx));
	const started: Service[] = [];
	try {
		for (const service of services) {
			try {
				if (await ensureRunning(service, ctx)) started.push(service);
			} catch (error) {
				if (!service.optional) throw error;
				ctx.log(`  ${service.name} is not running (optional): ${(error as Error).message}`);
				continue;
			}
			await service.ready?.(ctx, services);
		}
	} catch (error) {
		// Leave nothing half-started behind: what this call started, it stops.
		for (const service of started.reverse()) await service.stop(ctx);
		throw error;
	}
	if (!quiet) {
		printTable(ctx);
		if (added.length)
			ctx.log(
				`\nWrote ${added.join(', ')} to ${path.relative(process.cwd(), ctx.paths.envFile) || '.env'}`
			);
	}
}

export function appEnv(ctx: StackContext): Record<string, string> {
	return Object.assign(
		{
			PUBLIC_SUPABASE_URL: ctx.env.SUPABASE_URL,
			// The keys of a project created today, under the names Supabase's SvelteKit guide uses,
			// then the legacy JWT keys, which both stacks still accept.
			PUBLIC_SUPABASE_PUBLISHABLE_KEY: ctx.keys.publishable,
			SUPABASE_SECRET_KEY: ctx.keys.secret,
			PUBLIC_SUPABASE_ANON_KEY: ctx.keys.anon,
			SUPABASE_SERVICE_ROLE_KEY: ctx.keys.serviceRole,
			SUPABASE_JWT_SECRET: ctx.keys.jwtSecret
		},
		...services.map((s) => s.appEnv?.(ctx) ?? {})
	);
}

const functionsEnv = (ctx: StackContext) =>
	Object.assign({}, ...services.map((s) => s.functionsEnv?.(ctx) ?? {}));

function printTable(ctx: StackContext) {
	const rows = [
		{ label: 'API URL', value: ctx.env.SUPABASE_URL },
		...services.flatMap((s) => s.endpoints?.(ctx) ?? []),
		{ label: 'publishable key', value: ctx.keys.publishable },
		{ label: 'secret key', value: ctx.keys.secret },
		...(ctx.config.auth.signingKeysPath
			? [
					{
						label: 'JWT signing keys',
						value: path.relative(process.cwd(), ctx.config.auth.signingKeysPath)
					}
				]
			: []),
		{ label: 'JWT secret (legacy)', value: ctx.keys.jwtSecret },
		{ label: 'anon key (legacy)', value: ctx.keys.anon },
		{ label: 'service_role key (legacy)', value: ctx.keys.serviceRole }
	];
	const width = Math.max(...rows.map((r) => r.label.length));
	ctx.log('\nLocal stack is running.\n');
	for (const row of rows) ctx.log(`  ${row.label.padStart(width)}: ${row.value}`);
}

export async function down(ctx: StackContext) {
	for (const service of [...services].reverse()) {
		ctx.log(`Stopping ${service.name}...`);
		await service.stop(ctx);
	}
	ctx.log('Local stack stopped.');
}

/** Prints each service's state; returns true when all are running. */
export async function status(ctx: StackContext): Promise<boolean> {
	let allUp = true;
	for (const service of services) {
		const state = await stateOf(service, ctx);
		const pidFile = processFiles(ctx, service.name).pidFile;
		const note =
			state === 'running'
				? ''
				: state === 'port-taken'
					? ` (port ${service.ports(ctx).join('/')} held by another program)`
					: existsSync(pidFile)
						? ` (died; see ${logOf(ctx, service)}; \`npm run stack\` restarts it)`
						: '';
		allUp &&= state === 'running';
		console.log(`${service.name.padEnd(10)} ${state}${note}`);
	}
	return allUp;
}

/** `supabase db reset`: rebuild the database, restarting the services that keep state in it. */
export async function reset(ctx: StackContext) {
	const [database, ...others] = services;
	for (const service of others.filter((s) => s.restartOnReset).reverse()) await service.stop(ctx);
	await ensureRunning(database, ctx);
	ctx.log('Resetting the local database...');
	await rebuildDatabase(ctx, 'postgres', services);
	await up(ctx);
}

/** Rebuilds one database of the running Postgres (a scratch one, in tests) as `reset` does. */
export const apply = (ctx: StackContext, database: string) =>
	rebuildDatabase(ctx, database, services);
