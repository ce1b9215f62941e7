import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'smol-toml';

/** A table of `supabase/config.toml`, or an empty one where the file leaves it out. */
export type Table = Record<string, unknown>;

export const table = (value: unknown): Table =>
	value && typeof value === 'object' && !Array.isArray(value) ? (value as Table) : {};
export const num = (value: unknown, fallback: number) =>
	typeof value === 'number' ? value : fallback;
export const str = (value: unknown, fallback: string) =>
	typeof value === 'string' ? value : fallback;
export const bool = (value: unknown, fallback: boolean) =>
	typeof value === 'boolean' ? value : fallback;

/** Sections the Supabase CLI 3 stops at, naming what replaced them; we stop at them too. */
const removedSections: Record<string, string> = { inbucket: 'local_smtp' };

/**
 * `<supabaseDir>/config.toml`, parsed; an unreadable file fails naming the file, and a section
 * the CLI no longer reads fails with the CLI's own message rather than being silently ignored.
 */
export function readConfigToml(supabaseDir: string): Table {
	const file = path.join(supabaseDir, 'config.toml');
	let config: Table;
	try {
		config = parse(readFileSync(file, 'utf8')) as Table;
	} catch (error) {
		throw new Error(`Cannot read ${file}: ${(error as Error).message}`, { cause: error });
	}
	for (const [old, replacement] of Object.entries(removedSections)) {
		if (old in config) {
			throw new Error(`[${old}] in ${file} is no longer supported. Use [${replacement}] instead.`);
		}
	}
	return config;
}
