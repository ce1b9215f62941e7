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
