import { sameSitePath } from './safe-redirect.ts';

/**
 * The `emailRedirectTo` the store gives Supabase Auth: the confirm page, with where to go after
 * login as its path (the email's template appends `?token_hash=…&type=…` to it). Only a path
 * sameSitePath keeps goes in; anything else (even unparsable) sends the buyer to the home page.
 */
export function confirmRedirect(origin: string, next: string): string {
	const path = new URL(sameSitePath(next, '/'), 'http://same.invalid').pathname;
	return `${origin}/auth/confirm${path === '/' ? '' : path}`;
}
