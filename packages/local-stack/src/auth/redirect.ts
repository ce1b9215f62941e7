/**
 * GoTrue's `GetReferrer`: which `redirect_to` a flow may send the browser to. Anything else falls
 * back to the site URL, so a link can never lead outside the allow-list.
 */
export interface RedirectSettings {
	siteUrl: string;
	uriAllowList: string[];
}

/**
 * A glob of the allow-list as a RegExp, with GoTrue's separators `.` and `/`: `*` stays within
 * one segment, `**` crosses segments, `?` is one character, `[..]` and `{a,b}` as in gobwas/glob.
 */
export function globToRegExp(glob: string): RegExp {
	let out = '';
	for (let i = 0; i < glob.length; i++) {
		const c = glob[i];
		if (c === '*') {
			if (glob[i + 1] === '*') {
				out += '.*';
				i++;
			} else out += '[^./]*';
		} else if (c === '?') out += '[^./]';
		else if (c === '[') {
			const end = glob.indexOf(']', i);
			if (end < 0) throw new Error(`unclosed [ in redirect glob ${glob}`);
			let body = glob.slice(i + 1, end);
			if (body.startsWith('!')) body = `^${body.slice(1)}`;
			out += `[${body.replace(/\\/g, '\\\\')}]`;
			i = end;
		} else if (c === '{') {
			const end = glob.indexOf('}', i);
			if (end < 0) throw new Error(`unclosed { in redirect glob ${glob}`);
			out += `(?:${glob
				.slice(i + 1, end)
				.split(',')
				.map((alt) => globToRegExp(alt).source.slice(1, -1))
				.join('|')})`;
			i = end;
		} else if (c === '\\' && i + 1 < glob.length) {
			out += escapeRegExp(glob[++i]);
		} else out += escapeRegExp(c);
	}
	return new RegExp(`^${out}$`);
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

const isLoopbackIp = (hostname: string) =>
	/^127(\.\d{1,3}){3}$/.test(hostname) || hostname === '[::1]';
const isLocalhost = (hostname: string) => hostname === 'localhost';

/** True when GoTrue would accept `candidate` as a redirect target. */
export function isRedirectAllowed(candidate: string, settings: RedirectSettings): boolean {
	let target: URL;
	try {
		target = new URL(candidate);
	} catch {
		return false;
	}
	// A bare decimal host (http://2130706433/) is a disguised IP: GoTrue refuses it.
	if (/^\d+$/.test(candidate.replace(/^[a-z]+:\/\//i, '').split(/[/:?#]/)[0])) return false;
	const site = new URL(settings.siteUrl);
	if (target.protocol === site.protocol && target.hostname === site.hostname) {
		if (isLocalhost(site.hostname) || target.port === site.port) return true;
	}
	if (isLoopbackIp(target.hostname)) return true;
	const withoutFragment = candidate.split('#')[0];
	return settings.uriAllowList.some((glob) => globToRegExp(glob).test(withoutFragment));
}

/** The redirect a flow uses: the first allowed candidate (redirect_to header, query/body, then Referer), else the site URL. */
export function resolveRedirect(
	candidates: (string | undefined | null)[],
	settings: RedirectSettings
): string {
	const allowed = candidates.find(
		(c) => typeof c === 'string' && c !== '' && isRedirectAllowed(c, settings)
	);
	return allowed ?? settings.siteUrl;
}
