import postgres from 'postgres';
import { afterAll, expect, test } from 'vitest';
import { literal, statement } from '../../../src/lib/server/statement.ts';
import { stackEnv } from '../../support/env.ts';

// `asUserAtOnce` (src/lib/server/db.ts) writes values into statement text as literals, since a
// simple-protocol message carries no parameters. What Postgres reads back must be the value,
// whatever it holds, with either setting of standard_conforming_strings; and the claims a message
// sets hold for its statements only.
const sql = postgres(stackEnv().databaseUrl, { max: 1, prepare: false, onnotice: () => {} });
afterAll(() => sql.end());

const hostile = [
	"it's",
	"'; drop table public.products; --",
	'back\\slash\\',
	"\\'",
	'$$ dollar $tag$',
	'line\nbreak\ttab',
	'ünïcödé 😀 \u2028',
	'{"sub":"x\\"y"}',
	''
];

test.each(['on', 'off'])(
	'a string reads back as itself (standard_conforming_strings %s)',
	async (setting) => {
		await sql.unsafe(`set standard_conforming_strings = ${setting}`);
		for (const value of hostile) {
			const [row] = await sql.unsafe(statement`select ${value} as value`.text);
			expect(row.value).toBe(value);
		}
		await sql.unsafe('reset standard_conforming_strings');
	}
);

test('numbers, booleans and null read back as themselves; what Postgres cannot hold is refused', async () => {
	const [row] = await sql.unsafe(
		statement`select ${-1.5} as n, ${true} as t, ${null}::text as z, ${3} - ${-2} as d`.text
	);
	expect(row).toEqual({ n: '-1.5', t: true, z: null, d: 5 });
	expect(() => literal('nul\0')).toThrow(/NUL/);
	expect(() => literal(Number.NaN)).toThrow(/no SQL number/);
	expect(() => literal(Number.POSITIVE_INFINITY)).toThrow(/no SQL number/);
});

test('claims set local in one message hold for its statements, and are gone after it', async () => {
	const claimed = statement`select set_config('role', ${'authenticated'}, true)`.text;
	const results: { who: string }[][] = await sql.unsafe(
		`${claimed}; select current_user as who; select current_user as who`
	);
	expect(results.slice(1).map(([row]) => row.who)).toEqual(['authenticated', 'authenticated']);
	const [after] = await sql`select current_user as who`;
	expect(after.who).toBe('postgres');
	// An error stops the statements after it: nothing runs without the claims before it either.
	await expect(sql.unsafe(`${claimed}; select 1 / 0; select current_user`)).rejects.toThrow(
		/division by zero/
	);
});
