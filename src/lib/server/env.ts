import { env } from '$env/dynamic/private';

/** A private setting, read once where it is needed; a missing one names itself. */
export function required(name: string): string {
	const value = env[name];
	if (!value) throw new Error(`Missing environment variable ${name}: see README "Configuration"`);
	return value;
}

export const optional = (name: string): string | undefined => env[name] || undefined;
