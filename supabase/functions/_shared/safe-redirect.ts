const bases = ['http://a.invalid', 'http://b.invalid'] as const;

/**
 * A `next` parameter reduced to a path on this site, or the fallback, so a login link can never
 * send someone elsewhere. Read as a browser reads a Location header (the WHATWG URL parser:
 * tabs and newlines dropped, `\` as `/`, dot segments removed) and answered in that parser's
 * serialisation, which is plain ASCII and safe as a header value.
 */
export function sameSitePath(next: string | null | undefined, fallback = '/library'): string {
	if (!next?.startsWith('/')) return fallback;
	try {
		// A reference without a host resolves to whichever base it is given; one that names a host
		// (`//x`, `/\x`, `/<tab>/x`, even `//this-store`) resolves to that host under both.
		const [a, b] = bases.map((base) => new URL(next, base));
		if (a.origin !== bases[0] || b.origin !== bases[1]) return fallback;
		const path = `${a.pathname}${a.search}${a.hash}`;
		// Removing dot segments can leave `//` in front (`/.//x` → `//x`): a host to a browser.
		return path.startsWith('//') ? fallback : path;
	} catch {
		return fallback;
	}
}
