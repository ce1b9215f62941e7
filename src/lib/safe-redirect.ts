/**
 * A `next` parameter reduced to a path on this site, or the fallback. Refuses absolute URLs,
 * protocol-relative `//host` and `/\host` (which browsers treat as `//host`), and anything that
 * resolves to another origin, so a login link can never send someone elsewhere.
 */
export function sameSitePath(next: string | null | undefined, fallback = '/library'): string {
	if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\'))
		return fallback;
	try {
		const base = 'http://same.invalid';
		const url = new URL(next, base);
		if (url.origin !== base) return fallback;
		return `${url.pathname}${url.search}${url.hash}`;
	} catch {
		return fallback;
	}
}
