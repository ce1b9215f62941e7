import type { Service } from '../lib/service.ts';
import { processFiles, spawnDetached, stopProcess } from '../lib/processes.ts';
import { binaries, clusterDir, initCluster, runAsUser } from '../postgres/cluster.ts';
import { connect, databaseUrl, migrateAll, rebuildDatabase } from '../postgres/database.ts';
import { speaksPostgres } from '../postgres/probe.ts';

let freshCluster = false;

export const postgresService: Service = {
	name: 'postgres',
	ports: (ctx) => [ctx.config.dbPort],
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
				String(ctx.config.dbPort),
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
		if (!(await speaksPostgres(ctx.config.dbPort))) return false;
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
	async ready(ctx) {
		if (freshCluster) {
			await rebuildDatabase(ctx, 'postgres');
			return;
		}
		const sql = connect(ctx);
		try {
			await migrateAll(ctx, sql);
		} finally {
			await sql.end();
		}
	},
	// Fast shutdown (SIGINT): SIGTERM would wait for every client to disconnect.
	stop: async (ctx) => stopProcess(processFiles(ctx, 'postgres').pidFile, 15000, 'SIGINT'),
	endpoints: (ctx) => [{ label: 'Database URL', value: databaseUrl(ctx) }],
	appEnv: (ctx) => ({ DATABASE_URL: databaseUrl(ctx) })
};
