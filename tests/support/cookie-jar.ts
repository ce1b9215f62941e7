import { SignJWT, decodeJwt } from 'jose';

/** The cookies a browser would keep across the store's responses (enough for its session). */
export class CookieJar {
	private cookies = new Map<string, string>();

	/** Takes the response's Set-Cookie headers in; a cookie set to expire is dropped. */
	add(response: Response) {
		for (const line of response.headers.getSetCookie()) {
			const [pair, ...attributes] = line.split(';');
			const name = pair.slice(0, pair.indexOf('='));
			const gone = attributes.some(
				(a) => /^\s*max-age=0\s*$/i.test(a) || /^\s*expires=Thu, 01 Jan 1970/i.test(a)
			);
			if (gone) this.cookies.delete(name);
			else this.cookies.set(name, pair.slice(name.length + 1));
		}
		return response;
	}

	header = () => [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');

	/**
	 * The same session as a project without signing keys would hold it: its access token's claims
	 * signed with the legacy JWT secret (HS256), which Supabase Auth still accepts. @supabase/ssr
	 * keeps the session as `base64-<JSON>` in `sb-…-auth-token`, split in `.0`, `.1`… when long.
	 */
	async resignSession(jwtSecret: string) {
		const names = [...this.cookies.keys()]
			.filter((n) => /^sb-.*-auth-token(\.\d+)?$/.test(n))
			.sort();
		const key = names[0].replace(/\.\d+$/, '');
		const value = names.map((n) => this.cookies.get(n)).join('');
		const session = JSON.parse(Buffer.from(value.replace(/^base64-/, ''), 'base64url').toString());
		session.access_token = await new SignJWT(decodeJwt(session.access_token))
			.setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
			.sign(new TextEncoder().encode(jwtSecret));
		for (const name of names) this.cookies.delete(name);
		this.cookies.set(key, `base64-${Buffer.from(JSON.stringify(session)).toString('base64url')}`);
	}
}
