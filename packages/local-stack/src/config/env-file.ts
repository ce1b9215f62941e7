import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseEnv } from 'node:util';

/**
 * Adds the stack's variables to `.env` without touching a line the user wrote: keys already
 * present keep their value, new keys are appended under a comment. Returns the keys added.
 */
export function mergeEnvFile(file: string, values: Record<string, string>): string[] {
	const current = existsSync(file) ? readFileSync(file, 'utf8') : '';
	const present = parseEnv(current);
	const missing = Object.entries(values).filter(([key]) => !(key in present));
	if (missing.length === 0) return [];
	const block = missing.map(([key, value]) => `${key}=${quote(value)}`).join('\n');
	const separator = current === '' || current.endsWith('\n') ? '' : '\n';
	const header =
		current === '' ? '# Written by `npm run stack`; edit freely, your values are kept.\n' : '\n';
	mkdirSync(path.dirname(file), { recursive: true });
	writeFileSync(file, `${current}${separator}${header}${block}\n`);
	return missing.map(([key]) => key);
}

const quote = (value: string) => (/^[\w.:/@+-]*$/.test(value) ? value : JSON.stringify(value));

/** Reads a dotenv file (e.g. `supabase/functions/.env`), or nothing if it does not exist. */
export function readEnvFile(file: string): Record<string, string> {
	if (!existsSync(file)) return {};
	return parseEnv(readFileSync(file, 'utf8')) as Record<string, string>;
}
