// The project's secret API key as the edge runtime injects it today: SUPABASE_SECRET_KEYS is a JSON
// map of named keys (`{"default": "sb_secret_…"}`, as is SUPABASE_PUBLISHABLE_KEYS); the legacy
// SUPABASE_SERVICE_ROLE_KEY remains for projects that still have it. Pure: the caller hands in how
// to read a variable.
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

/** For admin calls (bypasses RLS): the default secret key, else the legacy service_role key. */
export function secretKey(read: Read): string {
	const key = defaultKey(read('SUPABASE_SECRET_KEYS')) ?? read('SUPABASE_SERVICE_ROLE_KEY');
	if (!key)
		throw new Error('missing SUPABASE_SECRET_KEYS (or the legacy SUPABASE_SERVICE_ROLE_KEY)');
	return key;
}
