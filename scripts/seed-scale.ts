// `node scripts/seed-scale.ts [database]`: a throw-away database of the running local stack
// (default storefront_scale) rebuilt from the migrations and the demo seed, then filled with
// 10,000 products and 1,000,000 purchases (scripts/scale-seed.sql). Prints its connection string.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import postgres from 'postgres';
import { stackCli } from '@storefront/local-stack';
import { stackEnv } from '../tests/support/env.ts';

export const SCALE_DATABASE = 'storefront_scale';

/** Rebuilds and fills the scale database; returns its connection string. */
export async function seedScale(database = SCALE_DATABASE): Promise<string> {
	if (!/^[a-z_][a-z0-9_]*$/.test(database)) throw new Error(`not a database name: ${database}`);
	execFileSync(process.execPath, [stackCli, 'db:apply', '--database', database], {
		stdio: ['ignore', 'ignore', 'inherit']
	});
	const url = new URL(stackEnv().databaseUrl);
	url.pathname = `/${database}`;
	const sql = postgres(url.href, { max: 1, onnotice: () => {} });
	try {
		await sql.unsafe(readFileSync(new URL('./scale-seed.sql', import.meta.url), 'utf8'));
	} finally {
		await sql.end();
	}
	return url.href;
}

if (import.meta.main) {
	const started = Date.now();
	const url = await seedScale(process.argv[2]);
	console.log(`${url} seeded in ${Math.round((Date.now() - started) / 1000)} s`);
}
