import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import postgres from 'postgres';
import { afterAll, describe, expect, it } from 'vitest';
import { stackPaths } from '../../../src/config/paths.ts';
import { stackCli, stackSettings } from '../../../src/settings.ts';

const run = promisify(execFile);
const { databaseUrl } = await stackSettings();
const sql = postgres(databaseUrl, { max: 2, onnotice: () => {} });

afterAll(() => sql.end());

/** Runs queries as PostgREST would for a request with these JWT claims, then rolls back. */
async function asClaims<T>(claims: object, query: (tx: postgres.TransactionSql) => Promise<T>) {
	let result: T | undefined;
	await sql
		.begin(async (tx) => {
			await tx`select set_config('role', ${String((claims as { role: string }).role)}, true),
				set_config('request.jwt.claims', ${JSON.stringify(claims)}, true)`;
			result = await query(tx);
			throw new Error('rollback');
		})
		.catch((error) => {
			if ((error as Error).message !== 'rollback') throw error;
		});
	return result as T;
}

describe('the local Postgres', () => {
	it('is PostgreSQL 17', async () => {
		const [{ server_version_num }] = await sql`show server_version_num`;
		expect(Number(server_version_num)).toBeGreaterThanOrEqual(170000);
		expect(Number(server_version_num)).toBeLessThan(180000);
	});

	it('gives auth.uid() the sub claim for role authenticated', async () => {
		const sub = '3f0f6a8e-6a0b-4f3a-9c55-7d1f4f0a1b2c';
		const [row] = await asClaims(
			{ sub, role: 'authenticated', email: 'a@example.test' },
			(tx) =>
				tx`select auth.uid() as uid, auth.role() as role, current_user as who, auth.jwt() ->> 'email' as email`
		);
		expect(row).toEqual({
			uid: sub,
			role: 'authenticated',
			who: 'authenticated',
			email: 'a@example.test'
		});
	});

	it('gives auth.uid() null for anon', async () => {
		const [row] = await asClaims(
			{ role: 'anon' },
			(tx) => tx`select auth.uid() as uid, current_user as who`
		);
		expect(row).toEqual({ uid: null, who: 'anon' });
	});

	it('has the Supabase roles, with service_role bypassing RLS', async () => {
		const roles = await sql`select rolname, rolbypassrls from pg_roles
			where rolname in ('anon', 'authenticated', 'service_role', 'authenticator', 'supabase_auth_admin')
			order by rolname`;
		expect(roles.map((r) => r.rolname)).toEqual([
			'anon',
			'authenticated',
			'authenticator',
			'service_role',
			'supabase_auth_admin'
		]);
		expect(roles.find((r) => r.rolname === 'service_role')?.rolbypassrls).toBe(true);
	});
});

describe('migrations', () => {
	const scratch = `scratch_${process.pid}`;
	const workdir = mkdtempSync(path.join(tmpdir(), 'stack-migrations-'));
	afterAll(async () => {
		rmSync(workdir, { recursive: true, force: true });
		await sql.unsafe(`drop database if exists "${scratch}" with (force)`);
	});

	const apply = () =>
		run(process.execPath, [stackCli, 'db:apply', '--workdir', workdir, '--database', scratch]);

	it('apply from zero, with the seed, into a fresh database', async () => {
		cpSync(stackPaths().supabase, path.join(workdir, 'supabase'), {
			recursive: true,
			filter: (source) => !source.includes('node_modules')
		});
		await expect(apply()).resolves.toBeDefined();
	});

	it('stop at a broken migration with its file name and the SQL error', async () => {
		writeFileSync(
			path.join(workdir, 'supabase/migrations/29991231000000_broken.sql'),
			'create table public.ok_table (id int);\nselect * from public.no_such_table;\n'
		);
		const failure = await apply().then(
			() => undefined,
			(error: { code: number; stderr: string }) => error
		);
		expect(failure?.code).toBe(1);
		expect(failure?.stderr).toContain('supabase/migrations/29991231000000_broken.sql');
		expect(failure?.stderr).toContain('relation "public.no_such_table" does not exist');
		// The failed file rolled back as a whole: its first statement left nothing behind.
		const scratchSql = postgres(databaseUrl.replace(/\/postgres$/, `/${scratch}`), { max: 1 });
		const [{ exists }] =
			await scratchSql`select to_regclass('public.ok_table') is not null as exists`;
		await scratchSql.end();
		expect(exists).toBe(false);
	});
});
