/**
 * The `emailRedirectTo` the store gives Supabase Auth: the confirm page, with where to go after
 * login as its path (the email's template appends `?token_hash=…&type=…` to it).
 */
export function confirmRedirect(origin: string, next: string): string {
	const path = new URL(next, 'http://same.invalid').pathname;
	return `${origin}/auth/confirm${path === '/' ? '' : path}`;
}
