import { databaseUrl } from '../config/context.ts';
import { processFiles, spawnDetached, stopProcess } from '../process/background.ts';
import { binaries, clusterDir, initCluster, runAsUser } from '../postgres/cluster.ts';
import { connect, migrateAll, rebuildDatabase } from '../postgres/database.ts';
import { speaksPostgres } from '../postgres/probe.ts';
import type { Service } from './service.ts';

let freshCluster = false;

export const postgresService: Service = {
	name: 'postgres',
	ports: (ctx) => [ctx.config.ports.db],
	startTimeout: 60,
	async start(ctx) {
		const dataDir = clusterDir(ctx.paths.pgdata);
		freshCluster = await initCluster(dataDir, ctx.log);
		const { postgres: server } = await binaries();
		spawnDetached(
			ctx,
			'postgres',
			server,
			[
				'-D',
				dataDir,
				'-p',
				String(ctx.config.ports.db),
				'-c',
				'listen_addresses=127.0.0.1',
				'-c',
				'unix_socket_directories=',
				'-c',
				'max_connections=200',
				'-c',
				'log_min_messages=warning',
				'-c',
				'fsync=off'
			],
			runAsUser()
		);
	},
	async health(ctx) {
		if (!(await speaksPostgres(ctx.config.ports.db))) return false;
		const sql = connect(ctx, { connect_timeout: 2 });
		try {
			await sql`select 1`;
			return true;
		} catch {
			return false;
		} finally {
			await sql.end({ timeout: 1 });
		}
	},
	async ready(ctx, stack) {
		if (freshCluster) {
			await rebuildDatabase(ctx, 'postgres', stack);
			return;
		}
		const sql = connect(ctx);
		try {
			await migrateAll(ctx, sql, stack);
		} finally {
			await sql.end();
		}
	},
	// Fast shutdown (SIGINT): SIGTERM would wait for every client to disconnect.
	stop: async (ctx) => stopProcess(processFiles(ctx, 'postgres').pidFile, 15000, 'SIGINT'),
	endpoints: (ctx) => [{ label: 'Database URL', value: databaseUrl(ctx.config.ports) }],
	appEnv: (ctx) => ({ DATABASE_URL: databaseUrl(ctx.config.ports) })
};
