// The project's API keys as the edge runtime injects them today: SUPABASE_SECRET_KEYS and
// SUPABASE_PUBLISHABLE_KEYS are JSON maps of named keys (`{"default": "sb_secret_…"}`); the legacy
// SUPABASE_SERVICE_ROLE_KEY and SUPABASE_ANON_KEY remain for projects that still have them. Pure:
// the caller hands in how to read a variable.
type Read = (name: string) => string | undefined;

/** The `default` key of a JSON map of keys, or undefined when the variable is absent or not one. */
function defaultKey(raw: string | undefined): string | undefined {
	if (!raw) return undefined;
	try {
		const keys: unknown = JSON.parse(raw);
		const key = (keys as Record<string, unknown> | null)?.default;
		return typeof key === 'string' && key ? key : undefined;
	} catch {
		return undefined;
	}
}

function pick(read: Read, keys: string, legacy: string): string {
	const key = defaultKey(read(keys)) ?? read(legacy);
	if (!key) throw new Error(`missing ${keys} (or the legacy ${legacy})`);
	return key;
}

/** For admin calls (bypasses RLS): the default secret key, else the legacy service_role key. */
export const secretKey = (read: Read) =>
	pick(read, 'SUPABASE_SECRET_KEYS', 'SUPABASE_SERVICE_ROLE_KEY');

/** For calls on nobody's behalf (a visitor's): the default publishable key, else the anon key. */
export const publishableKey = (read: Read) =>
	pick(read, 'SUPABASE_PUBLISHABLE_KEYS', 'SUPABASE_ANON_KEY');

/** Every secret key the project has: each of SUPABASE_SECRET_KEYS, and the legacy service_role key. */
export function secretKeys(read: Read): string[] {
	const keys: string[] = [];
	try {
		const map: unknown = JSON.parse(read('SUPABASE_SECRET_KEYS') ?? '{}');
		for (const value of Object.values(map ?? {}))
			if (typeof value === 'string' && value) keys.push(value);
	} catch {
		// not a map: no new keys
	}
	const legacy = read('SUPABASE_SERVICE_ROLE_KEY');
	if (legacy) keys.push(legacy);
	return keys;
}

const sameText = (a: string, b: string) => {
	const x = new TextEncoder().encode(a);
	const y = new TextEncoder().encode(b);
	let diff = x.length ^ y.length;
	for (let i = 0; i < Math.max(x.length, y.length); i++) diff |= (x[i] ?? 0) ^ (y[i] ?? 0);
	return diff === 0;
};

/**
 * Whether a request to a function carries one of the project's secret keys: in `apikey` (how
 * the new keys are sent; the platform does not turn them into JWTs for functions) or as the
 * bearer token (the legacy service_role JWT). Compared in constant time.
 */
export function presentsSecretKey(headers: Headers, read: Read): boolean {
	const bearer = /^Bearer (\S+)$/i.exec(headers.get('authorization') ?? '')?.[1];
	const offered = [headers.get('apikey'), bearer].filter((k): k is string => !!k);
	const keys = secretKeys(read);
	return offered.some((k) => keys.some((key) => sameText(k, key)));
}
