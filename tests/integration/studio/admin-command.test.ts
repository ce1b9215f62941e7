import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, expect, it } from 'vitest';
import { uniqueEmail } from '@storefront/local-stack';
import { adminSql } from '../../support/db.ts';
import { stackEnv } from '../../support/env.ts';

/**
 * `npm run admin`: who may use the studio, written where only the server writes it (app_metadata,
 * through Auth's admin API with the secret key), as the README tells a seller to run it.
 */
const sql = adminSql();
afterAll(() => sql.end());

const { databaseUrl, apiUrl, secretKey } = stackEnv();
const env = {
	PATH: process.env.PATH,
	DATABASE_URL: databaseUrl,
	PUBLIC_SUPABASE_URL: apiUrl,
	SUPABASE_SECRET_KEY: secretKey
};

async function admin(...args: string[]) {
	try {
		const { stdout, stderr } = await promisify(execFile)(
			process.execPath,
			['scripts/admin.ts', ...args],
			{ env }
		);
		return { code: 0, out: stdout + stderr };
	} catch (error) {
		const failed = error as { code: number; stdout: string; stderr: string };
		return { code: failed.code, out: failed.stdout + failed.stderr };
	}
}

const roleOf = async (email: string) => {
	const rows = await sql<{ role: string | null }[]>`
		select raw_app_meta_data ->> 'role' as role from auth.users where email = ${email}`;
	return rows.map((r) => r.role);
};

it('grant makes an account a seller (creating it, confirmed), list names it, revoke ends it', async () => {
	const email = uniqueEmail('seller');
	const granted = await admin('grant', email.toUpperCase());
	expect(granted).toEqual({ code: 0, out: expect.stringContaining('(account created)') });
	expect(await roleOf(email)).toEqual(['admin']);
	const [{ confirmed }] = await sql<{ confirmed: boolean }[]>`
		select email_confirmed_at is not null as confirmed from auth.users where email = ${email}`;
	expect(confirmed).toBe(true);

	// Again: the same account, not a second one.
	expect((await admin('grant', email)).out).not.toContain('account created');
	expect((await admin('list')).out.split('\n')).toContain(email);

	expect(await admin('revoke', email)).toEqual({
		code: 0,
		out: expect.stringContaining('no longer a seller')
	});
	expect(await roleOf(email)).toEqual([null]);
	expect((await admin('list')).out.split('\n')).not.toContain(email);
});

it('refuses what it cannot do, changing nothing', async () => {
	const email = uniqueEmail('nobody');
	expect(await admin('revoke', email)).toEqual({
		code: 1,
		out: expect.stringContaining(`no account for ${email}`)
	});
	expect((await admin('grant', 'not-an-address')).code).toBe(2);
	expect((await admin('promote', email)).code).toBe(2);
	expect(await roleOf(email)).toEqual([]);
});
